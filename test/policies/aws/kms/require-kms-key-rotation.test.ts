import rule from "../../../../policies/aws/kms/require-kms-key-rotation";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-kms-key-rotation.cases";

testRuleCases(rule, cases);
