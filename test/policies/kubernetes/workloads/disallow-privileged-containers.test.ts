import rule from "../../../../policies/kubernetes/workloads/disallow-privileged-containers";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-privileged-containers.cases";

testRuleCases(rule, cases);
