import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { AuditTrail, trailEventSelectors, validateAuditTrailArgs } from "../../../infra/aws/audit-trail";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../harness/resources";

const AUDIT_KEY = "arn:aws:kms:eu-west-1:123456789012:key/audit";
const LOGS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/logs";
const BACKUPS = "arn:aws:s3:::platform-backups";
let prod: RecordedResource[];
let dev: RecordedResource[];

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        const context = lookupAwsContext("eu-west-1", provider);
        const common = {
            context,
            kmsKeyArn: AUDIT_KEY,
            retentionInDays: 731,
            accessLogs: { bucket: "platform-logs", prefix: "s3-access-logs" },
            cloudWatch: { logGroupName: "/secure-platform/prod/cloudtrail", kmsKeyArn: LOGS_KEY, retentionInDays: 731 },
            dataBucketArns: [BACKUPS],
        };
        new AuditTrail("prod-trail", { ...common, trailName: "secure-platform-prod", lockLogFiles: true, protect: true }, { provider });
        new AuditTrail("dev-trail", { ...common, trailName: "secure-platform-dev" }, { provider });
    });
    prod = descendantsOf(resources, named(resources, "prod-trail"));
    dev = descendantsOf(resources, named(resources, "dev-trail"));
});

const input = (r: RecordedResource) => plain(r.inputs);
const one = (resources: readonly RecordedResource[], type: string) => ofType(resources, type)[0];
const TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/secure-platform-prod";

describe("AuditTrail", () => {
    it("records every Region and global services, validates its log files, and encrypts them with the audit key", () => {
        const trail = one(prod, "aws:cloudtrail/trail:Trail");
        const props = input(trail);
        assert.equal(props.name, "secure-platform-prod");
        assert.deepEqual([props.isMultiRegionTrail, props.includeGlobalServiceEvents, props.enableLogFileValidation, props.enableLogging], [true, true, true, true]);
        assert.equal(props.kmsKeyId, AUDIT_KEY);
        assert.equal(props.s3BucketName, plain(one(prod, "aws:s3/bucket:Bucket").outputs).id);
        assert.equal(trail.protect, true);
    });

    it("records all management events and every object-level call on the buckets that hold data", () => {
        const [management, data] = input(one(prod, "aws:cloudtrail/trail:Trail")).advancedEventSelectors;
        assert.deepEqual(management.fieldSelectors, [{ field: "eventCategory", equals: ["Management"] }]);
        assert.deepEqual(data.fieldSelectors, [
            { field: "eventCategory", equals: ["Data"] },
            { field: "resources.type", equals: ["AWS::S3::Object"] },
            { field: "resources.ARN", startsWiths: [`${BACKUPS}/`] },
        ]);
        assert.equal(trailEventSelectors([]).length, 1, "no data selector without buckets");
    });

    it("delivers to an encrypted, retained log group through a role only CloudTrail for this trail assumes, writing only its own streams", () => {
        const group = one(prod, "aws:cloudwatch/logGroup:LogGroup");
        assert.deepEqual([input(group).name, input(group).kmsKeyId, input(group).retentionInDays], ["/secure-platform/prod/cloudtrail", LOGS_KEY, 731]);
        const trail = input(one(prod, "aws:cloudtrail/trail:Trail"));
        assert.equal(trail.cloudWatchLogsGroupArn, `${plain(group.outputs).arn}:*`);
        const role = one(prod, "aws:iam/role:Role");
        assert.equal(trail.cloudWatchLogsRoleArn, plain(role.outputs).arn);
        const trust = JSON.parse(input(role).assumeRolePolicy).Statement[0];
        assert.deepEqual([trust.Principal, trust.Condition], [{ Service: "cloudtrail.amazonaws.com" }, { StringEquals: { "aws:SourceArn": TRAIL_ARN } }]);
        const statements = JSON.parse(input(one(prod, "aws:iam/rolePolicy:RolePolicy")).policy).Statement;
        assert.deepEqual(statements.flatMap((s: { Action: string[] }) => s.Action), ["logs:CreateLogStream", "logs:PutLogEvents"]);
        for (const statement of statements) {
            assert.deepEqual(statement.Resource, ["arn:aws:logs:eu-west-1:123456789012:log-group:/secure-platform/prod/cloudtrail:log-stream:123456789012_CloudTrail_eu-west-1*"]);
        }
    });

    it("keeps log files in a bucket closed to the public, versioned, encrypted with the audit key, access-logged and HTTPS-only", () => {
        const block = input(one(prod, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"));
        assert.ok(["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every((flag) => block[flag] === true));
        assert.equal(input(one(prod, "aws:s3/bucketVersioning:BucketVersioning")).versioningConfiguration.status, "Enabled");
        const [rule] = input(one(prod, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")).rules;
        assert.deepEqual(rule.applyServerSideEncryptionByDefault, { sseAlgorithm: "aws:kms", kmsMasterKeyId: AUDIT_KEY });
        const logging = input(one(prod, "aws:s3/bucketLogging:BucketLogging"));
        assert.deepEqual([logging.targetBucket, logging.targetPrefix], ["platform-logs", "s3-access-logs/"]);
        const [lifecycle] = input(one(prod, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")).rules;
        assert.deepEqual([lifecycle.expiration, lifecycle.noncurrentVersionExpiration], [{ days: 731 }, { noncurrentDays: 90 }]);
    });

    it("lets CloudTrail check the ACL and write under this account's prefix for this trail only, and denies plain HTTP", () => {
        const bucketArn = plain(one(prod, "aws:s3/bucket:Bucket").outputs).arn;
        const [acl, write, tls] = JSON.parse(input(one(prod, "aws:s3/bucketPolicy:BucketPolicy")).policy).Statement;
        assert.deepEqual([acl.Principal, acl.Action, acl.Resource, acl.Condition], [{ Service: "cloudtrail.amazonaws.com" }, "s3:GetBucketAcl", bucketArn, { StringEquals: { "aws:SourceArn": TRAIL_ARN } }]);
        assert.deepEqual([write.Action, write.Resource], ["s3:PutObject", `${bucketArn}/AWSLogs/123456789012/*`]);
        assert.deepEqual(write.Condition, { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } });
        assert.deepEqual([tls.Effect, tls.Condition], ["Deny", { Bool: { "aws:SecureTransport": "false" } }]);
    });

    it("locks every log file in compliance mode for the retention in prod, with Object Lock on from the bucket's creation", () => {
        const bucket = one(prod, "aws:s3/bucket:Bucket");
        assert.deepEqual([input(bucket).objectLockEnabled, input(bucket).forceDestroy, bucket.protect], [true, false, true]);
        const lock = input(one(prod, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"));
        assert.deepEqual(lock.rule, { defaultRetention: { mode: "COMPLIANCE", days: 731 } });
    });

    it("outside prod, creates the same trail without Object Lock or protection", () => {
        assert.equal(input(one(dev, "aws:s3/bucket:Bucket")).objectLockEnabled, undefined);
        assert.equal(ofType(dev, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").length, 0);
        const trail = one(dev, "aws:cloudtrail/trail:Trail");
        assert.deepEqual([input(trail).isMultiRegionTrail, input(trail).enableLogFileValidation, trail.protect], [true, true, false]);
    });
});

describe("validateAuditTrailArgs", () => {
    const args = { context: {} as never, kmsKeyArn: AUDIT_KEY, retentionInDays: 365, accessLogs: { bucket: "l", prefix: "p" }, cloudWatch: { logGroupName: "/g", kmsKeyArn: LOGS_KEY, retentionInDays: 365 } };
    it("rejects a trail name CloudTrail refuses", () => {
        for (const trailName of ["ab", "-platform", "platform..prod", "platform prod"]) {
            assert.throws(() => validateAuditTrailArgs({ ...args, trailName }), /AuditTrail: trailName .* must be 3 to 128 letters/, trailName);
        }
        assert.doesNotThrow(() => validateAuditTrailArgs({ ...args, trailName: "secure-platform-prod" }));
    });
    it("rejects a retention that is not a whole number of days", () => {
        assert.throws(() => validateAuditTrailArgs({ ...args, trailName: "secure-platform-prod", retentionInDays: 0.5 }), /retentionInDays must be a whole number of days, got 0.5/);
    });
});
