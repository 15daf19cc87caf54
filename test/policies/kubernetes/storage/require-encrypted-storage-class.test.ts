import rule from "../../../../policies/kubernetes/storage/require-encrypted-storage-class";
import { testRuleCases } from "../../../harness/policy-unit";
import cases from "./require-encrypted-storage-class.cases";

testRuleCases(rule, cases);
