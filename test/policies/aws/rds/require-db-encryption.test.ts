import rule from "../../../../policies/aws/rds/require-db-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-db-encryption.cases";

testRuleCases(rule, cases);
