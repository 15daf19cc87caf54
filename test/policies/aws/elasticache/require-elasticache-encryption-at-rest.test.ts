import rule from "../../../../policies/aws/elasticache/require-elasticache-encryption-at-rest";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-elasticache-encryption-at-rest.cases";

testRuleCases(rule, cases);
