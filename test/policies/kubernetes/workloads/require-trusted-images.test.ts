import rule from "../../../../policies/kubernetes/workloads/require-trusted-images";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-trusted-images.cases";

testRuleCases(rule, cases);
