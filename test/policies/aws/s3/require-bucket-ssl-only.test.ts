import rule from "../../../../policies/aws/s3/require-bucket-ssl-only";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-bucket-ssl-only.cases";

testRuleCases(rule, cases);
