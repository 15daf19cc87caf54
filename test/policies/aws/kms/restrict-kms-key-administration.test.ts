import rule from "../../../../policies/aws/kms/restrict-kms-key-administration";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-kms-key-administration.cases";

testRuleCases(rule, cases);
