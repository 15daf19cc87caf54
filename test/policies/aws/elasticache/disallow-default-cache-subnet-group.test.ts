import rule from "../../../../policies/aws/elasticache/disallow-default-cache-subnet-group";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-default-cache-subnet-group.cases";

testRuleCases(rule, cases);
