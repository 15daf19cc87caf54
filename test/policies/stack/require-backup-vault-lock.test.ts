import rule from "../../../policies/stack/require-backup-vault-lock";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./require-backup-vault-lock.cases";

testRuleCases(rule, cases);
