import rule from "../../../../policies/aws/eks/require-supported-kubernetes-version";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-supported-kubernetes-version.cases";

testRuleCases(rule, cases);
