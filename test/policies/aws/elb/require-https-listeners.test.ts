import rule from "../../../../policies/aws/elb/require-https-listeners";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-https-listeners.cases";

testRuleCases(rule, cases);
