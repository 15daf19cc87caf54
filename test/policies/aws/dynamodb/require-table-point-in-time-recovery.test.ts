import rule from "../../../../policies/aws/dynamodb/require-table-point-in-time-recovery";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-table-point-in-time-recovery.cases";

testRuleCases(rule, cases);
