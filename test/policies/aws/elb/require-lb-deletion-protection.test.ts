import rule from "../../../../policies/aws/elb/require-lb-deletion-protection";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-lb-deletion-protection.cases";

testRuleCases(rule, cases);
