import rule from "../../../../policies/aws/lambda/disallow-plaintext-function-secrets";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-plaintext-function-secrets.cases";

testRuleCases(rule, cases);
