import rule from "../../../../policies/aws/elb/require-tls-security-policy";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-tls-security-policy.cases";

testRuleCases(rule, cases);
