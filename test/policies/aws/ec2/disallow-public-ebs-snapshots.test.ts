import rule from "../../../../policies/aws/ec2/disallow-public-ebs-snapshots";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-public-ebs-snapshots.cases";

testRuleCases(rule, cases);
