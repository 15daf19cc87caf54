import rule from "../../../../policies/aws/cloudwatch/require-log-group-retention";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-log-group-retention.cases";

testRuleCases(rule, cases);
