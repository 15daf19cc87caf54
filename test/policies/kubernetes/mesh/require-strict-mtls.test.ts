import rule from "../../../../policies/kubernetes/mesh/require-strict-mtls";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-strict-mtls.cases";

testRuleCases(rule, cases);
