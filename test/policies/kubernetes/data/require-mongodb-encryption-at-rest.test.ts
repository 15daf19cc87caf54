import rule from "../../../../policies/kubernetes/data/require-mongodb-encryption-at-rest";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-mongodb-encryption-at-rest.cases";

testRuleCases(rule, cases);
