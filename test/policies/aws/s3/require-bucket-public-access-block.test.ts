import rule from "../../../../policies/aws/s3/require-bucket-public-access-block";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-bucket-public-access-block.cases";

testRuleCases(rule, cases);
