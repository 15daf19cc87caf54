import rule from "../../../../policies/kubernetes/namespaces/restrict-reserved-namespaces";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-reserved-namespaces.cases";

testRuleCases(rule, cases);
