import rule from "../../../../policies/aws/apigateway/require-api-tls-policy";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-api-tls-policy.cases";

testRuleCases(rule, cases);
