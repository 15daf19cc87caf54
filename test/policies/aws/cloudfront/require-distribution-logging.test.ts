import rule from "../../../../policies/aws/cloudfront/require-distribution-logging";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-distribution-logging.cases";

testRuleCases(rule, cases);
