import rule from "../../../../policies/aws/dynamodb/require-table-cmk-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-table-cmk-encryption.cases";

testRuleCases(rule, cases);
