import rule from "../../../../policies/aws/lambda/require-supported-lambda-runtime";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-supported-lambda-runtime.cases";

testRuleCases(rule, cases);
