import rule from "../../../../policies/kubernetes/network/restrict-network-policy-peers";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-network-policy-peers.cases";

testRuleCases(rule, cases);
