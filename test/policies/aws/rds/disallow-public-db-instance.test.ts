import rule from "../../../../policies/aws/rds/disallow-public-db-instance";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-public-db-instance.cases";

testRuleCases(rule, cases);
