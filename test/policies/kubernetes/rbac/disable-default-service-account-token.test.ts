import rule from "../../../../policies/kubernetes/rbac/disable-default-service-account-token";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disable-default-service-account-token.cases";

testRuleCases(rule, cases);
