import rule from "../../../../policies/aws/ecr/require-immutable-image-tags";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-immutable-image-tags.cases";

testRuleCases(rule, cases);
