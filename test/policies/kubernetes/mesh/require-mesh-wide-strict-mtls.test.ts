import rule from "../../../../policies/kubernetes/mesh/require-mesh-wide-strict-mtls";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-mesh-wide-strict-mtls.cases";

testRuleCases(rule, cases);
