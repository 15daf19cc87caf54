import rule from "../../../../policies/aws/apigateway/require-api-cache-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-api-cache-encryption.cases";

testRuleCases(rule, cases);
