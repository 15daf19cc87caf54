import rule from "../../../../policies/aws/ecr/require-repository-cmk-encryption";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-repository-cmk-encryption.cases";

testRuleCases(rule, cases);
