import rule from "../../../../policies/aws/cloudtrail/require-trail-hardening";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-trail-hardening.cases";

testRuleCases(rule, cases);
