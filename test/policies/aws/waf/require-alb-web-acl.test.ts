import rule from "../../../../policies/aws/waf/require-alb-web-acl";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-alb-web-acl.cases";

testRuleCases(rule, cases);
