import rule from "../../../policies/stack/restrict-default-security-group";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./restrict-default-security-group.cases";

testRuleCases(rule, cases);
