import rule from "../../../../policies/aws/ec2/disallow-high-risk-ports-from-internet";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-high-risk-ports-from-internet.cases";

testRuleCases(rule, cases);
