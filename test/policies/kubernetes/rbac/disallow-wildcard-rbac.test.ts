import rule from "../../../../policies/kubernetes/rbac/disallow-wildcard-rbac";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-wildcard-rbac.cases";

testRuleCases(rule, cases);
