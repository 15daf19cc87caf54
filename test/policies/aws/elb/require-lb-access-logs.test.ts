import rule from "../../../../policies/aws/elb/require-lb-access-logs";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-lb-access-logs.cases";

testRuleCases(rule, cases);
