import rule from "../../../../policies/kubernetes/workloads/disallow-host-paths";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-host-paths.cases";

testRuleCases(rule, cases);
