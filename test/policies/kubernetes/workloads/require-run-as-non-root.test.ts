import rule from "../../../../policies/kubernetes/workloads/require-run-as-non-root";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-run-as-non-root.cases";

testRuleCases(rule, cases);
