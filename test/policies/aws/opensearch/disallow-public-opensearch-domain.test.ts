import rule from "../../../../policies/aws/opensearch/disallow-public-opensearch-domain";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-public-opensearch-domain.cases";

testRuleCases(rule, cases);
