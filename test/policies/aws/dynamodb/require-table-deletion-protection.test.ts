import rule from "../../../../policies/aws/dynamodb/require-table-deletion-protection";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-table-deletion-protection.cases";

testRuleCases(rule, cases);
