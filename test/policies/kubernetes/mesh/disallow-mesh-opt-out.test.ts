import rule from "../../../../policies/kubernetes/mesh/disallow-mesh-opt-out";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-mesh-opt-out.cases";

testRuleCases(rule, cases);
