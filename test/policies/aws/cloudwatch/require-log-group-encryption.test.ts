import rule from "../../../../policies/aws/cloudwatch/require-log-group-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-log-group-encryption.cases";

testRuleCases(rule, cases);
