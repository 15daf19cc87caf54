import rule from "../../../../policies/kubernetes/namespaces/require-pod-security-labels";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-pod-security-labels.cases";

testRuleCases(rule, cases);
