import rule from "../../../policies/secrets/require-long-random-secrets";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./require-long-random-secrets.cases";

testRuleCases(rule, cases);
