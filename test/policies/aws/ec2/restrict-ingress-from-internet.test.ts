import rule from "../../../../policies/aws/ec2/restrict-ingress-from-internet";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-ingress-from-internet.cases";

testRuleCases(rule, cases);
