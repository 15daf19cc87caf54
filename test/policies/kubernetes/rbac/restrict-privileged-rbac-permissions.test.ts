import rule from "../../../../policies/kubernetes/rbac/restrict-privileged-rbac-permissions";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-privileged-rbac-permissions.cases";

testRuleCases(rule, cases);
