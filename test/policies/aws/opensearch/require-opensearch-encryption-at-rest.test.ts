import rule from "../../../../policies/aws/opensearch/require-opensearch-encryption-at-rest";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-opensearch-encryption-at-rest.cases";

testRuleCases(rule, cases);
