import rule from "../../../../policies/aws/apigateway/require-api-stage-web-acl";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-api-stage-web-acl.cases";

testRuleCases(rule, cases);
