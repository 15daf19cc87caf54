import rule from "../../../../policies/aws/eks/require-node-group-launch-template";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-node-group-launch-template.cases";

testRuleCases(rule, cases);
