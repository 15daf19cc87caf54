import rule from "../../../../policies/aws/sqs/require-queue-kms-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-queue-kms-encryption.cases";

testRuleCases(rule, cases);
