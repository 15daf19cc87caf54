import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { minimal, P, parse, rejects, without } from "../../harness/config-fixtures";

describe("platform settings", () => {
    it("defaults retention to a year, the key deletion window to 30 days, no tags and no tenants", () => {
        const config = parse(minimal("dev"));
        assert.equal(config.logRetentionDays, 365);
        assert.equal(config.kmsDeletionWindowDays, 30);
        assert.deepEqual(config.tags, {});
        assert.deepEqual(config.tenants, []);
        assert.equal(config.awsAccountId, undefined);
    });
    it("requires the environment and rejects an unknown one", () => {
        rejects(without(minimal("dev"), "environment"), "environment", /missing; set it to one of dev, staging, prod/);
        rejects(minimal("qa"), "environment", /"qa" is not allowed; use one of dev, staging, prod/);
    });
    it("requires a well-formed region", () => {
        rejects(without(minimal("dev"), "aws:region"), "aws:region", /missing; set the AWS region/);
        rejects(minimal("dev", { "aws:region": "Europe" }), "aws:region", /not an AWS region name/);
    });
    it("rejects numbers out of range or of the wrong type", () => {
        rejects(minimal("dev", { logRetentionDays: "30" }), "logRetentionDays", /at least 365 days \(FSBP CloudWatch.16\): 365, 400/);
        rejects(minimal("dev", { logRetentionDays: "a year" }), "logRetentionDays", /"a year" is not a whole number/);
        rejects(minimal("dev", { kmsDeletionWindowDays: "45" }), "kmsDeletionWindowDays", /45 is out of range; use a whole number from 7 to 30/);
    });
    it("keeps prod's key deletion window at 30 days", () => {
        rejects(minimal("prod", { kmsDeletionWindowDays: "7" }), "kmsDeletionWindowDays", /7 is not allowed in prod/);
    });
    it("rejects a malformed account ID and tags the platform owns", () => {
        rejects(minimal("dev", { awsAccountId: "1234" }), "awsAccountId", /not an AWS account ID; use the 12-digit ID/);
        rejects(minimal("dev", { tags: "{\"Environment\":\"x\"}" }), "tags", /Environment is set by the platform/);
        rejects(minimal("dev", { tags: "{\"aws:owner\":\"x\"}" }), "tags", /not a valid tag key/);
        rejects(minimal("dev", { tags: "{\"Team\":5}" }), "tags", /Team must be a string/);
        assert.deepEqual(parse(minimal("dev", { tags: "{\"Team\":\"core\"}", awsAccountId: "012345678901" })).tags, { Team: "core" });
        assert.equal(parse(minimal("dev", { awsAccountId: "012345678901" })).awsAccountId, "012345678901");
    });
    it("namespaces unqualified keys with the project", () => {
        assert.ok(Object.keys(minimal("dev", { tenants: "[]" })).includes(`${P}:tenants`));
    });
});
