import rule from "../../../../policies/kubernetes/network/restrict-internet-egress";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-internet-egress.cases";

testRuleCases(rule, cases);
