import rule from "../../../../policies/aws/cloudfront/require-distribution-web-acl";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-distribution-web-acl.cases";

testRuleCases(rule, cases);
