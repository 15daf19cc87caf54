import rule from "../../../../policies/aws/iam/disallow-passrole-on-any-role";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-passrole-on-any-role.cases";

testRuleCases(rule, cases);
