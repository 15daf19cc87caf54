import rule from "../../../../policies/kubernetes/mesh/restrict-tenant-ingress-routes";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./restrict-tenant-ingress-routes.cases";

testRuleCases(rule, cases);
