import rule from "../../../../policies/kubernetes/network/restrict-service-exposure";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-service-exposure.cases";

testRuleCases(rule, cases);
