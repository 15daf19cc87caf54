import rule from "../../../../policies/aws/s3/disallow-public-bucket-acl";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-public-bucket-acl.cases";

testRuleCases(rule, cases);
