import rule from "../../../policies/stack/require-backup-for-data-volumes";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./require-backup-for-data-volumes.cases";

testRuleCases(rule, cases);
