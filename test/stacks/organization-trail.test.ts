/**
 * The staging stack declaring that the organisation's trail records its account, through the whole check: the
 * program creates no trail and the pack's require-audit-trail, which reads the declaration from the stack's
 * configuration as the CLI passes it, accepts the stack without one. The same stack declaring nothing and
 * creating no trail would fail (test/policies/stack/require-audit-trail.cases.ts).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { CheckResult, runCheck } from "../../engine/engine";
import { ROOT } from "../harness/cli";

let result: CheckResult;

before(async () => {
    result = await runCheck({ root: ROOT, stack: "staging", configOverrides: { "secure-platform:auditTrail": JSON.stringify({ mode: "organization" }) } });
});

describe("a stack relying on an organization trail", () => {
    it("creates no trail and no audit key", () => {
        assert.deepEqual(result.resources.filter((r) => r.type === "aws:cloudtrail/trail:Trail"), []);
        assert.ok(!result.resources.some((r) => r.type === "aws:kms/key:Key" && (r.inputs.tags as Record<string, string>)?.Purpose === "audit"));
    });

    it("passes require-audit-trail on the declaration, and every bucket still logs its access", () => {
        assert.ok(result.policyPack.rules.some((r) => r.name === "require-audit-trail"), "the rule ran");
        assert.deepEqual(result.violations.filter((v) => ["require-audit-trail", "require-bucket-access-logging", "require-trail-hardening"].includes(v.policyName)), []);
    });
});
