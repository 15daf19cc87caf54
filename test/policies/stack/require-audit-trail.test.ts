import rule from "../../../policies/stack/require-audit-trail";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./require-audit-trail.cases";

testRuleCases(rule, cases);
