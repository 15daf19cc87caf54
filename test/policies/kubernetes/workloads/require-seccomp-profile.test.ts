import rule from "../../../../policies/kubernetes/workloads/require-seccomp-profile";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-seccomp-profile.cases";

testRuleCases(rule, cases);
