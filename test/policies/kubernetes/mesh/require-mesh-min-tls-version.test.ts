import rule from "../../../../policies/kubernetes/mesh/require-mesh-min-tls-version";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-mesh-min-tls-version.cases";

testRuleCases(rule, cases);
