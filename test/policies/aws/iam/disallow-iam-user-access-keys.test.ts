import rule from "../../../../policies/aws/iam/disallow-iam-user-access-keys";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-iam-user-access-keys.cases";

testRuleCases(rule, cases);
