import rule from "../../../policies/secrets/disallow-plaintext-tenant-keys";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./disallow-plaintext-tenant-keys.cases";

testRuleCases(rule, cases);
