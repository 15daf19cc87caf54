import rule from "../../../../policies/kubernetes/mesh/require-gateway-tls";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-gateway-tls.cases";

testRuleCases(rule, cases);
