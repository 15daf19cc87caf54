import rule from "../../../../policies/aws/apigateway/require-api-route-authorization";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-api-route-authorization.cases";

testRuleCases(rule, cases);
