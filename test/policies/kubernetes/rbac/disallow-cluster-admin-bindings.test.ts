import rule from "../../../../policies/kubernetes/rbac/disallow-cluster-admin-bindings";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-cluster-admin-bindings.cases";

testRuleCases(rule, cases);
