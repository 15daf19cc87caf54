import rule from "../../../../policies/aws/lambda/disallow-public-function-permission";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-public-function-permission.cases";

testRuleCases(rule, cases);
