import rule from "../../../../policies/aws/eks/require-cluster-secrets-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-cluster-secrets-encryption.cases";

testRuleCases(rule, cases);
