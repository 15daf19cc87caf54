import rule from "../../../../policies/aws/eks/require-cluster-audit-logging";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-cluster-audit-logging.cases";

testRuleCases(rule, cases);
