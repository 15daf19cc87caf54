import rule from "../../../../policies/aws/opensearch/disallow-open-opensearch-access-policy";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-open-opensearch-access-policy.cases";

testRuleCases(rule, cases);
