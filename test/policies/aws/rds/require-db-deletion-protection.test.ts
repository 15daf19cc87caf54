import rule from "../../../../policies/aws/rds/require-db-deletion-protection";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-db-deletion-protection.cases";

testRuleCases(rule, cases);
