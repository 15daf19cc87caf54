import rule from "../../../../policies/aws/elasticache/require-elasticache-encryption-in-transit";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-elasticache-encryption-in-transit.cases";

testRuleCases(rule, cases);
