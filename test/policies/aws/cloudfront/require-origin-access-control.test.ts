import rule from "../../../../policies/aws/cloudfront/require-origin-access-control";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-origin-access-control.cases";

testRuleCases(rule, cases);
