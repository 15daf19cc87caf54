import rule from "../../../policies/stack/require-encrypted-data-volumes";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./require-encrypted-data-volumes.cases";

testRuleCases(rule, cases);
