import rule from "../../../../policies/aws/s3/require-bucket-kms-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-bucket-kms-encryption.cases";

testRuleCases(rule, cases);
