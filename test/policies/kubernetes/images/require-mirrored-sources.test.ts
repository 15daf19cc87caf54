import rule from "../../../../policies/kubernetes/images/require-mirrored-sources";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-mirrored-sources.cases";

testRuleCases(rule, cases);
