import rule from "../../../../policies/aws/waf/require-web-acl-rules";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-web-acl-rules.cases";

testRuleCases(rule, cases);
