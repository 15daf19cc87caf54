/**
 * The stack rules for GuardDuty, Security Hub and AWS Config accept the stack's declaration that the
 * organisation provides a service. The pack reads the stack's configuration once per process
 * (PULUMI_CONFIG), so this file sets it before the rules load: GuardDuty and Security Hub declared, Config not.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Rule } from "../../../policies/lib/rule";
import { resource } from "../../harness/policy-cases";
import { runRule } from "../../harness/policy-unit";

process.env.PULUMI_CONFIG = JSON.stringify({
    "secure-platform:environment": "prod",
    "secure-platform:securityServices": JSON.stringify({ guardDuty: "organization", securityHub: "organization" }),
    "acme:security": "not an object",
});

const awsStack = { name: "a bucket and nothing else", resources: [resource("aws:s3/bucket:Bucket", "reports", { forceDestroy: false })] };
let rules: Record<"guardDuty" | "securityHub" | "config", Rule>;

before(async () => {
    rules = {
        guardDuty: (await import("../../../policies/stack/require-guardduty")).default,
        securityHub: (await import("../../../policies/stack/require-security-hub")).default,
        config: (await import("../../../policies/stack/require-config-recorder")).default,
    };
});

describe("the organisation's security services, declared in the stack configuration", () => {
    it("accepts a stack without a detector when it declares guardDuty: organization", async () => {
        assert.deepEqual((await runRule(rules.guardDuty, awsStack)).violations, []);
    });

    it("accepts a stack without Security Hub when it declares securityHub: organization", async () => {
        assert.deepEqual((await runRule(rules.securityHub, awsStack)).violations, []);
    });

    it("still requires a Config recorder when the declaration does not name config", async () => {
        const { violations } = await runRule(rules.config, awsStack);
        assert.equal(violations.length, 1);
        assert.match(violations[0].message, /no AWS Config recorder, and secure-platform:securityServices does not declare \{config: organization\}/);
    });

    it("ignores a declaration under another key that is not an object", async () => {
        const { violations } = await runRule(rules.guardDuty, { ...awsStack, config: { "require-guardduty": { declarationKey: "acme:security" } } });
        assert.match(violations[0]?.message ?? "", /acme:security does not declare \{guardDuty: organization\}/);
    });
});
