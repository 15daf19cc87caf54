import rule from "../../../../policies/aws/ec2/disallow-subnet-public-ip";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-subnet-public-ip.cases";

testRuleCases(rule, cases);
