import rule from "../../../../policies/aws/backup/require-backup-plan-retention";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-backup-plan-retention.cases";

testRuleCases(rule, cases);
