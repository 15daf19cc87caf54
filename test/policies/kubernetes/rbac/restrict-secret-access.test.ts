import rule from "../../../../policies/kubernetes/rbac/restrict-secret-access";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-secret-access.cases";

testRuleCases(rule, cases);
