import rule from "../../../../policies/aws/ec2/require-imdsv2";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-imdsv2.cases";

testRuleCases(rule, cases);
