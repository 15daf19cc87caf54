import rule from "../../../../policies/aws/rds/require-db-log-exports";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-db-log-exports.cases";

testRuleCases(rule, cases);
