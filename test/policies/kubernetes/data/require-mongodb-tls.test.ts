import rule from "../../../../policies/kubernetes/data/require-mongodb-tls";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-mongodb-tls.cases";

testRuleCases(rule, cases);
