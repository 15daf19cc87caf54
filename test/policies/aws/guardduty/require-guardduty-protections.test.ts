import rule from "../../../../policies/aws/guardduty/require-guardduty-protections";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-guardduty-protections.cases";

testRuleCases(rule, cases);
