import rule from "../../../../policies/aws/rds/require-db-iam-authentication";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-db-iam-authentication.cases";

testRuleCases(rule, cases);
