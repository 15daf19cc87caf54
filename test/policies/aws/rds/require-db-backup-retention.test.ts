import rule from "../../../../policies/aws/rds/require-db-backup-retention";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-db-backup-retention.cases";

testRuleCases(rule, cases);
