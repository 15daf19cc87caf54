import rule from "../../../../policies/kubernetes/mesh/restrict-service-entry-hosts";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-service-entry-hosts.cases";

testRuleCases(rule, cases);
