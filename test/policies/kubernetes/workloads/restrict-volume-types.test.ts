import rule from "../../../../policies/kubernetes/workloads/restrict-volume-types";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-volume-types.cases";

testRuleCases(rule, cases);
