import rule from "../../../../policies/aws/iam/disallow-wildcard-service-actions";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-wildcard-service-actions.cases";

testRuleCases(rule, cases);
