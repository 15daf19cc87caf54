import rule from "../../../policies/stack/require-vpc-flow-logs";
import { testRuleCases } from "../../harness/policy-unit";
import cases from "./require-vpc-flow-logs.cases";

testRuleCases(rule, cases);
