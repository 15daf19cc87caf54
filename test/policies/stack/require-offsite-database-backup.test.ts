import rule from "../../../policies/stack/require-offsite-database-backup";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./require-offsite-database-backup.cases";

testRuleCases(rule, cases);
