import rule from "../../../../policies/kubernetes/tenancy/require-tenant-keys";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-tenant-keys.cases";

testRuleCases(rule, cases);
