import rule from "../../../../policies/aws/efs/require-efs-backups";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-efs-backups.cases";

testRuleCases(rule, cases);
