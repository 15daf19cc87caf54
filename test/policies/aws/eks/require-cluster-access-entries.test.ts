import rule from "../../../../policies/aws/eks/require-cluster-access-entries";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-cluster-access-entries.cases";

testRuleCases(rule, cases);
