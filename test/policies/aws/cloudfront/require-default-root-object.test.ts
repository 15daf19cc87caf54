import rule from "../../../../policies/aws/cloudfront/require-default-root-object";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-default-root-object.cases";

testRuleCases(rule, cases);
