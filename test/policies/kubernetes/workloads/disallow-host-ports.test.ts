import rule from "../../../../policies/kubernetes/workloads/disallow-host-ports";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-host-ports.cases";

testRuleCases(rule, cases);
