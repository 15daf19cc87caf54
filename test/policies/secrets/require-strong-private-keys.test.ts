import rule from "../../../policies/secrets/require-strong-private-keys";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./require-strong-private-keys.cases";

testRuleCases(rule, cases);
