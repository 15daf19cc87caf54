import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const SOUND = { s3BucketName: "acme-trail-logs", isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: true, kmsKeyId: KEY };
const trail = (name: string, props: Record<string, unknown> = {}) => {
    const merged: Record<string, unknown> = { name, ...SOUND, ...props };
    return resource("aws:cloudtrail/trail:Trail", name, Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)));
};

export default ruleCases("require-trail-hardening", {
    compliant: [
        { name: "a multi-Region trail with log file validation and a KMS key", resources: [trail("account")] },
        { name: "global service events left at their default", resources: [trail("account", { includeGlobalServiceEvents: undefined })] },
    ],
    violating: [
        { name: "a trail of one Region", resources: [trail("regional", { isMultiRegionTrail: false })], message: /Trail regional records only its own Region/ },
        { name: "multi-Region left at its default (off)", resources: [trail("default", { isMultiRegionTrail: undefined })], message: /isMultiRegionTrail is not true/ },
        { name: "a trail without global service events", resources: [trail("no-iam", { includeGlobalServiceEvents: false })], message: /leaves out global service events/ },
        { name: "a trail without log file validation", resources: [trail("unsigned", { enableLogFileValidation: undefined })], message: /writes no signed digests/ },
        { name: "a trail under S3's own keys", resources: [trail("sse-s3", { kmsKeyId: undefined })], message: /encrypts its log files with S3's own keys only \(no kmsKeyId\)/ },
        {
            name: "a trail failing all three, in one message",
            resources: [trail("bare", { isMultiRegionTrail: false, enableLogFileValidation: false, kmsKeyId: undefined })],
            message: /records only its own Region.*; writes no signed digests.*; encrypts its log files with S3's own keys only/,
        },
    ],
    unknown: [
        { name: "the key not known yet", resources: [trail("later", { kmsKeyId: unknown })] },
    ],
});
