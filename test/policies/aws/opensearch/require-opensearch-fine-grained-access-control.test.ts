import rule from "../../../../policies/aws/opensearch/require-opensearch-fine-grained-access-control";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-opensearch-fine-grained-access-control.cases";

testRuleCases(rule, cases);
