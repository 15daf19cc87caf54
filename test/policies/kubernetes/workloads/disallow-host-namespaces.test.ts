import rule from "../../../../policies/kubernetes/workloads/disallow-host-namespaces";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-host-namespaces.cases";

testRuleCases(rule, cases);
