"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const rule_1 = require("../../lib/rule");
exports.default = (0, rule_1.defineResourceRule)({
    name: "require-log-group-encryption",
    description: "CloudWatch log groups must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    controls: ["AWS Config cloudwatch-log-group-encrypted"],
    remediation: "Set `kmsKeyId` on the aws.cloudwatch.LogGroup to the ARN of a KMS key whose policy lets `logs.<region>.amazonaws.com` use it for this account's log groups.",
    resourceTypes: ["aws:cloudwatch/logGroup:LogGroup"],
    validate(props, _context, report) {
        const key = props.kmsKeyId;
        if (typeof key !== "string" || key === "") {
            report("kmsKeyId is not set: the log data is encrypted only with a key CloudWatch owns, outside your key policies and audit trail.");
        }
    },
});
