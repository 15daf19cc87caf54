import rule from "../../../../policies/aws/ec2/disallow-public-ip-assignment";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-public-ip-assignment.cases";

testRuleCases(rule, cases);
