import rule from "../../../../policies/aws/ec2/restrict-imds-hop-limit";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-imds-hop-limit.cases";

testRuleCases(rule, cases);
