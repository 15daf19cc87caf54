import rule from "../../../../policies/aws/waf/require-web-acl-logging";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-web-acl-logging.cases";

testRuleCases(rule, cases);
