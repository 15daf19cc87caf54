import rule from "../../../../policies/aws/cloudfront/require-origin-https";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-origin-https.cases";

testRuleCases(rule, cases);
