import rule from "../../../../policies/kubernetes/images/require-image-verification";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-image-verification.cases";

testRuleCases(rule, cases);
