import rule from "../../../../policies/aws/ec2/require-launch-template-ebs-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-launch-template-ebs-encryption.cases";

testRuleCases(rule, cases);
