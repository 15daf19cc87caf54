import rule from "../../../../policies/aws/ecr/require-image-scanning";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-image-scanning.cases";

testRuleCases(rule, cases);
