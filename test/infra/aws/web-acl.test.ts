import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { WebAcl, wafLogDeliveryPolicy } from "../../../infra/aws/web-acl";

const context = { region: "eu-west-1" } as never;
const logs = { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/logs", retentionInDays: 365 };

describe("WebAcl arguments", () => {
    it("refuses a log group name WAF would not deliver to", () => {
        assert.throws(() => new WebAcl("w", { context, resourceArn: "arn", rateLimit: 1000, logs, logGroupName: "/waf/logs" }), /must start with "aws-waf-logs-"/);
    });
    it("refuses a rate limit below WAF's minimum", () => {
        assert.throws(() => new WebAcl("w", { context, resourceArn: "arn", rateLimit: 10, logs, logGroupName: "aws-waf-logs-x" }), /rateLimit must be a whole number of at least 100/);
    });
});

describe("wafLogDeliveryPolicy", () => {
    it("lets the log delivery service write to this log group only, for this account", () => {
        const context = { region: "eu-west-1", accountId: "111122223333", partition: "aws", dnsSuffix: "amazonaws.com" };
        const [statement] = JSON.parse(wafLogDeliveryPolicy(context, "arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-x:*")).Statement;
        assert.equal(statement.Principal.Service, "delivery.logs.amazonaws.com");
        assert.equal(statement.Resource, "arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-x:*");
        assert.equal(statement.Condition.StringEquals["aws:SourceAccount"], "111122223333");
    });
});
