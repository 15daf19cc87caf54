import rule from "../../../../policies/aws/iam/restrict-role-trust-policy";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-role-trust-policy.cases";

testRuleCases(rule, cases);
