import rule from "../../../../policies/aws/apigateway/require-api-access-logs";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-api-access-logs.cases";

testRuleCases(rule, cases);
