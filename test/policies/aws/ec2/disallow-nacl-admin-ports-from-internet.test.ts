import rule from "../../../../policies/aws/ec2/disallow-nacl-admin-ports-from-internet";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./disallow-nacl-admin-ports-from-internet.cases";

testRuleCases(rule, cases);
