import rule from "../../../../policies/kubernetes/network/require-ingress-tls";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-ingress-tls.cases";

testRuleCases(rule, cases);
