import rule from "../../../policies/stack/require-protected-stateful-resources";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./require-protected-stateful-resources.cases";

testRuleCases(rule, cases);
