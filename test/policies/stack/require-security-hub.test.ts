import rule from "../../../policies/stack/require-security-hub";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./require-security-hub.cases";

testRuleCases(rule, cases);
