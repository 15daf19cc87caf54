import rule from "../../../../policies/aws/iam/disallow-admin-managed-policies";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-admin-managed-policies.cases";

testRuleCases(rule, cases);
