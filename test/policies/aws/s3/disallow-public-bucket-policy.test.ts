import rule from "../../../../policies/aws/s3/disallow-public-bucket-policy";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-public-bucket-policy.cases";

testRuleCases(rule, cases);
