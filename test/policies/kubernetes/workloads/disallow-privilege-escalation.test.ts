import rule from "../../../../policies/kubernetes/workloads/disallow-privilege-escalation";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-privilege-escalation.cases";

testRuleCases(rule, cases);
