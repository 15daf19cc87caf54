import rule from "../../../../policies/kubernetes/data/require-tls-backup-storage";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-tls-backup-storage.cases";

testRuleCases(rule, cases);
