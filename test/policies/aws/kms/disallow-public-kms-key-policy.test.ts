import rule from "../../../../policies/aws/kms/disallow-public-kms-key-policy";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-public-kms-key-policy.cases";

testRuleCases(rule, cases);
