import rule from "../../../../policies/kubernetes/mesh/require-destination-rule-tls";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-destination-rule-tls.cases";

testRuleCases(rule, cases);
