import rule from "../../../../policies/aws/secretsmanager/require-secret-cmk";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-secret-cmk.cases";

testRuleCases(rule, cases);
