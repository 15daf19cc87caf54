import rule from "../../../../policies/kubernetes/rbac/restrict-rbac-binding-subjects";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-rbac-binding-subjects.cases";

testRuleCases(rule, cases);
