import rule from "../../../../policies/aws/lambda/require-function-url-auth";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-function-url-auth.cases";

testRuleCases(rule, cases);
