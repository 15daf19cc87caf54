import rule from "../../../../policies/aws/iam/disallow-full-admin-policies";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-full-admin-policies.cases";

testRuleCases(rule, cases);
