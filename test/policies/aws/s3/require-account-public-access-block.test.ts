import rule from "../../../../policies/aws/s3/require-account-public-access-block";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-account-public-access-block.cases";

testRuleCases(rule, cases);
