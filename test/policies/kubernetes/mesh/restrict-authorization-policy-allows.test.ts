import rule from "../../../../policies/kubernetes/mesh/restrict-authorization-policy-allows";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-authorization-policy-allows.cases";

testRuleCases(rule, cases);
