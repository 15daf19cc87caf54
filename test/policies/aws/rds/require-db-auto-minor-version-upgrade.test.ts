import rule from "../../../../policies/aws/rds/require-db-auto-minor-version-upgrade";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-db-auto-minor-version-upgrade.cases";

testRuleCases(rule, cases);
