import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const group = (name: string, props: Record<string, unknown>) =>
    resource("aws:cloudwatch/logGroup:LogGroup", name, { name: `/app/${name}`, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/1", ...props });

export default ruleCases("require-log-group-retention", {
    compliant: [
        { name: "one year", resources: [group("year", { retentionInDays: 365 })] },
        { name: "ten years", resources: [group("decade", { retentionInDays: 3653 })] },
        { name: "30 days where the team lowered the minimum", resources: [group("short", { retentionInDays: 30 })], config: { "require-log-group-retention": { minRetentionDays: 30 } } },
    ],
    violating: [
        { name: "retention not set (never expires)", resources: [group("forever", {})], message: /retentionInDays is not set/ },
        { name: "retention 0", resources: [group("zero", { retentionInDays: 0 })], message: /retentionInDays is not set/ },
        { name: "a week", resources: [group("week", { retentionInDays: 7 })], message: /retentionInDays is 7; at least 365/ },
        { name: "a year where the team raised the minimum to two", resources: [group("strict", { retentionInDays: 365 })], config: { "require-log-group-retention": { minRetentionDays: 731 } }, message: /at least 731/ },
    ],
    unknown: [
        { name: "retention not known yet", resources: [group("later", { retentionInDays: unknown })] },
    ],
});
