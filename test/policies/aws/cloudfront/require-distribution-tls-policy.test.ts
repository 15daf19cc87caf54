import rule from "../../../../policies/aws/cloudfront/require-distribution-tls-policy";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-distribution-tls-policy.cases";

testRuleCases(rule, cases);
