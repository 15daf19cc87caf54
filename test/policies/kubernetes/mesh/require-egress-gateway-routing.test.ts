import rule from "../../../../policies/kubernetes/mesh/require-egress-gateway-routing";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-egress-gateway-routing.cases";

testRuleCases(rule, cases);
