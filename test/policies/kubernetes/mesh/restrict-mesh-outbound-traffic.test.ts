import rule from "../../../../policies/kubernetes/mesh/restrict-mesh-outbound-traffic";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-mesh-outbound-traffic.cases";

testRuleCases(rule, cases);
