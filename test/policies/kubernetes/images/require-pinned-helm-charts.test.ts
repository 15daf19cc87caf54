import rule from "../../../../policies/kubernetes/images/require-pinned-helm-charts";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-pinned-helm-charts.cases";

testRuleCases(rule, cases);
