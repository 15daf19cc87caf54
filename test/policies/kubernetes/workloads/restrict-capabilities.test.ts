import rule from "../../../../policies/kubernetes/workloads/restrict-capabilities";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-capabilities.cases";

testRuleCases(rule, cases);
