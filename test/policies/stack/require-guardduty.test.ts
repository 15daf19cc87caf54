import rule from "../../../policies/stack/require-guardduty";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./require-guardduty.cases";

testRuleCases(rule, cases);
