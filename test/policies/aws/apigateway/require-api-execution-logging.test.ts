import rule from "../../../../policies/aws/apigateway/require-api-execution-logging";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-api-execution-logging.cases";

testRuleCases(rule, cases);
