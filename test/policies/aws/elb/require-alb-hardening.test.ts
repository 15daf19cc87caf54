import rule from "../../../../policies/aws/elb/require-alb-hardening";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-alb-hardening.cases";

testRuleCases(rule, cases);
