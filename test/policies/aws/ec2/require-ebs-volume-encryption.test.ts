import rule from "../../../../policies/aws/ec2/require-ebs-volume-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-ebs-volume-encryption.cases";

testRuleCases(rule, cases);
