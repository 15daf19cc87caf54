import rule from "../../../policies/stack/require-config-recorder";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./require-config-recorder.cases";

testRuleCases(rule, cases);
