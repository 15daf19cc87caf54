import rule from "../../../../policies/kubernetes/workloads/restrict-baseline-overrides";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-baseline-overrides.cases";

testRuleCases(rule, cases);
