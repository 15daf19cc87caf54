/**
 * require-audit-trail on a stack whose configuration declares that the organization's trail records its
 * account. The rule reads the stack's configuration from PULUMI_CONFIG, as the CLI passes it, so this
 * process is that stack's.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import rule from "../../../policies/stack/require-audit-trail";
import { resource } from "../../harness/policy-cases";
import { runRule } from "../../harness/policy-unit";

process.env.PULUMI_CONFIG = JSON.stringify({
    "aws:region": "eu-west-1",
    "secure-platform:auditTrail": JSON.stringify({ mode: "organization" }),
    "team:auditTrail": JSON.stringify({ mode: "create" }),
});

const vpc = resource("aws:ec2/vpc:Vpc", "network", { cidrBlock: "10.10.0.0/16" });

describe("require-audit-trail on a stack that declares an organization trail", () => {
    it("accepts AWS resources without a trail of the stack's own", async () => {
        assert.deepEqual((await runRule(rule, { name: "organization", resources: [vpc] })).violations, []);
    });

    it("still refuses when the key it reads declares mode create and no trail exists", async () => {
        const outcome = await runRule(rule, { name: "create", resources: [vpc], config: { "require-audit-trail": { declarationKey: "team:auditTrail" } } });
        assert.match(outcome.violations[0]?.message ?? "", /no CloudTrail trail, and team:auditTrail does not declare an organization trail/);
    });
});
