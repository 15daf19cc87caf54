import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { WebAcl } from "../../../infra/aws/web-acl";

const logs = { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/logs", retentionInDays: 365 };

describe("WebAcl arguments", () => {
    it("refuses a log group name WAF would not deliver to", () => {
        assert.throws(() => new WebAcl("w", { resourceArn: "arn", rateLimit: 1000, logs, logGroupName: "/waf/logs" }), /must start with "aws-waf-logs-"/);
    });
    it("refuses a rate limit below WAF's minimum", () => {
        assert.throws(() => new WebAcl("w", { resourceArn: "arn", rateLimit: 10, logs, logGroupName: "aws-waf-logs-x" }), /rateLimit must be a whole number of at least 100/);
    });
});
