"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const rule_1 = require("../../lib/rule");
exports.default = (0, rule_1.defineResourceRule)({
    name: "require-log-group-retention",
    description: "CloudWatch log groups must keep events for a set period of at least a year.",
    severity: "medium",
    controls: ["FSBP CloudWatch.16"],
    remediation: "Set `retentionInDays` on the aws.cloudwatch.LogGroup to a CloudWatch value of at least the minimum (365 by default), e.g. 365, 400, 545 or 731.",
    config: {
        minRetentionDays: { type: "integer", minimum: 1, default: 365, description: "Fewest days a log group may keep events." },
    },
    resourceTypes: ["aws:cloudwatch/logGroup:LogGroup"],
    validate(props, { config }, report) {
        const days = props.retentionInDays;
        if (days === undefined || days === null || days === 0) {
            report("retentionInDays is not set: events never expire, so audit data has no defined lifetime.");
        }
        else if (Number(days) < config.minRetentionDays) {
            report(`retentionInDays is ${days}; at least ${config.minRetentionDays} is required.`);
        }
    },
});
