import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { minimal, minimalOnPrem, parse, rejects } from "../../harness/config-fixtures";

const trail = (value: unknown) => ({ auditTrail: JSON.stringify(value) });

describe("auditTrail setting", () => {
    it("creates the stack's own trail, keeping log files a year, by default", () => {
        assert.deepEqual(parse(minimal("prod")).auditTrail, { mode: "create", retentionDays: 365 });
    });

    it("takes a longer retention, and an organization trail without one", () => {
        assert.deepEqual(parse(minimal("prod", trail({ mode: "create", retentionDays: 2557 }))).auditTrail, { mode: "create", retentionDays: 2557 });
        assert.deepEqual(parse(minimal("dev", trail({ retentionDays: 400 }))).auditTrail, { mode: "create", retentionDays: 400 });
        assert.deepEqual(parse(minimal("staging", trail({ mode: "organization" }))).auditTrail, { mode: "organization" });
    });

    it("refuses an unknown mode, an unknown field, and a value that is not an object, naming the key", () => {
        rejects(minimal("dev", trail({ mode: "off" })), "auditTrail", /auditTrail\.mode "off" is not allowed; use one of create, organization/);
        rejects(minimal("dev", trail({ mode: "create", bucket: "mine" })), "auditTrail", /auditTrail\.bucket is not a known field; allowed: mode, retentionDays/);
        rejects(minimal("dev", { auditTrail: "organization" }), "auditTrail", /expected \{mode: create \| organization\}, got "organization"/);
    });

    it("refuses a retention under a year, over ten years or not whole, and one for an organization trail", () => {
        for (const retentionDays of [30, 364, 4000, 400.5, "365"]) {
            rejects(minimal("dev", trail({ mode: "create", retentionDays })), "auditTrail", /auditTrail\.retentionDays .* is not allowed; use a whole number of days from 365 to 3653/);
        }
        rejects(minimal("dev", trail({ mode: "organization", retentionDays: 365 })), "auditTrail", /retentionDays applies only to mode create/);
    });

    it("is refused on an on-prem stack, which has no AWS account", () => {
        rejects(minimalOnPrem("prod", trail({ mode: "create" })), "auditTrail", /applies only to platform aws/);
    });
});
