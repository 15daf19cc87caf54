import rule from "../../../../policies/kubernetes/data/restrict-mongodb-exposure";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-mongodb-exposure.cases";

testRuleCases(rule, cases);
