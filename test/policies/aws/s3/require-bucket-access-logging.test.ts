import rule from "../../../../policies/aws/s3/require-bucket-access-logging";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-bucket-access-logging.cases";

testRuleCases(rule, cases);
