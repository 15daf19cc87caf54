import rule from "../../../../policies/aws/cloudfront/require-distribution-https";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-distribution-https.cases";

testRuleCases(rule, cases);
