import rule from "../../../../policies/aws/opensearch/require-opensearch-node-to-node-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-opensearch-node-to-node-encryption.cases";

testRuleCases(rule, cases);
