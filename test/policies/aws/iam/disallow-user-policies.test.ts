import rule from "../../../../policies/aws/iam/disallow-user-policies";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-user-policies.cases";

testRuleCases(rule, cases);
