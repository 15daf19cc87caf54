import rule from "../../../../policies/aws/sns/require-topic-kms-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-topic-kms-encryption.cases";

testRuleCases(rule, cases);
