import rule from "../../../../policies/aws/efs/require-efs-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-efs-encryption.cases";

testRuleCases(rule, cases);
