import rule from "../../../../policies/aws/config/require-config-recorder-coverage";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-config-recorder-coverage.cases";

testRuleCases(rule, cases);
