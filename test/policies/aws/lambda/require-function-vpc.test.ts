import rule from "../../../../policies/aws/lambda/require-function-vpc";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-function-vpc.cases";

testRuleCases(rule, cases);
