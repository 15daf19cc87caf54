import rule from "../../../../policies/aws/elasticache/require-elasticache-authentication";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-elasticache-authentication.cases";

testRuleCases(rule, cases);
