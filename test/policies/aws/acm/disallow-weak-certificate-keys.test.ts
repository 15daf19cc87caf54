import rule from "../../../../policies/aws/acm/disallow-weak-certificate-keys";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-weak-certificate-keys.cases";

testRuleCases(rule, cases);
