import rule from "../../../../policies/kubernetes/images/require-verified-images";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-verified-images.cases";

testRuleCases(rule, cases);
