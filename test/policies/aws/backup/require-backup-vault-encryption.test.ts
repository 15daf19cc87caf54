import rule from "../../../../policies/aws/backup/require-backup-vault-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-backup-vault-encryption.cases";

testRuleCases(rule, cases);
