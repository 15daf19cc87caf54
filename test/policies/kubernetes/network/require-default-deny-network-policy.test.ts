import rule from "../../../../policies/kubernetes/network/require-default-deny-network-policy";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-default-deny-network-policy.cases";

testRuleCases(rule, cases);
