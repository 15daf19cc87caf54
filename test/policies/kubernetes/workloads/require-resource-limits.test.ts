import rule from "../../../../policies/kubernetes/workloads/require-resource-limits";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-resource-limits.cases";

testRuleCases(rule, cases);
