import rule from "../../../../policies/aws/opensearch/require-opensearch-https";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-opensearch-https.cases";

testRuleCases(rule, cases);
