import rule from "../../../../policies/aws/eks/disallow-node-group-remote-access";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-node-group-remote-access.cases";

testRuleCases(rule, cases);
