import rule from "../../../../policies/aws/eks/require-network-policy-enforcement";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-network-policy-enforcement.cases";

testRuleCases(rule, cases);
