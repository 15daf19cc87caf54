import rule from "../../../../policies/aws/eks/disallow-public-cluster-endpoint";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-public-cluster-endpoint.cases";

testRuleCases(rule, cases);
