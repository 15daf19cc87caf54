/**
 * The account's audit trail: a multi-Region CloudTrail trail (FSBP CloudTrail.1, CIS AWS 3.1) that
 * validates its log files (CloudTrail.4, CIS 3.2), encrypts them with a key of its own (CloudTrail.2,
 * CIS 3.5), records the object-level events of the buckets that hold data (CIS 3.8, 3.9) and sends
 * everything to a retained, encrypted CloudWatch Logs group for alerting (CloudTrail.5). Its bucket is
 * versioned, access-logged (CIS 3.4), HTTPS-only, closed to the public, encrypted, and in prod
 * Object Lock retained in compliance mode.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransport } from "./iam-documents";
import { privateBucket, ServerAccessLogTarget } from "./private-bucket";
import { AwsContext, ResolvedAwsContext, withAwsContext } from "./aws-context";
import { encryptedLogGroup } from "./log-group";

/** The ARN a trail named `trailName` gets in the stack's Region (the audit key's policy names it before the trail exists). */
export function trailArn(context: ResolvedAwsContext, trailName: string): string {
    return `arn:${context.partition}:cloudtrail:${context.region}:${context.accountId}:trail/${trailName}`;
}

/**
 * The trail bucket's policy (CloudTrail user guide, "Amazon S3 bucket policy for CloudTrail"): CloudTrail
 * may read the bucket's ACL and put log files under this account's prefix, both only for this trail
 * (`aws:SourceArn`, against the confused deputy); every request over plain HTTP is denied (FSBP S3.5).
 */
export function trailBucketPolicy(context: ResolvedAwsContext, bucketArn: string, trail: string): string {
    const cloudTrail = { Service: "cloudtrail.amazonaws.com" };
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "CloudTrailAclCheck", Effect: "Allow", Principal: cloudTrail, Action: "s3:GetBucketAcl", Resource: bucketArn, Condition: { StringEquals: { "aws:SourceArn": trail } } },
            {
                Sid: "CloudTrailWrite", Effect: "Allow", Principal: cloudTrail, Action: "s3:PutObject", Resource: `${bucketArn}/AWSLogs/${context.accountId}/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trail } },
            },
            denyInsecureTransport(bucketArn),
        ],
    });
}

/** Only CloudTrail, only for this trail, assumes the delivery role (confused deputy). */
export function cloudWatchDeliveryTrustPolicy(trail: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceArn": trail } } }],
    });
}

/**
 * Delivery into the one log group, into the streams CloudTrail names `<account>_CloudTrail_<trail region>`
 * (CloudTrail user guide, "Role policy document for CloudTrail to use CloudWatch Logs for monitoring" and
 * "CloudWatch log group and log stream naming for CloudTrail").
 */
export function cloudWatchDeliveryPolicy(context: ResolvedAwsContext, logGroupName: string): string {
    const streams = `arn:${context.partition}:logs:${context.region}:${context.accountId}:log-group:${logGroupName}:log-stream:${context.accountId}_CloudTrail_${context.region}*`;
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "CreateTrailLogStreams", Effect: "Allow", Action: ["logs:CreateLogStream"], Resource: [streams] },
            { Sid: "PutTrailLogEvents", Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: [streams] },
        ],
    });
}

/**
 * What the trail records: every management event, read and write, none excluded (FSBP CloudTrail.1
 * counts only such trails). Secrets Manager has no data events: every call to it, GetSecretValue
 * included, is a management event (Secrets Manager user guide, "Log AWS Secrets Manager events with
 * AWS CloudTrail"), and so are KMS's. Data events: every object-level call on `dataBucketArns`.
 */
export function trailEventSelectors(dataBucketArns: readonly string[]): aws.types.input.cloudtrail.TrailAdvancedEventSelector[] {
    return [
        { name: "Management events, read and write", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
        ...(dataBucketArns.length > 0 ? [{
            name: "Object-level events of the buckets that hold data",
            fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: ["AWS::S3::Object"] },
                { field: "resources.ARN", startsWiths: dataBucketArns.map((arn) => `${arn}/`) },
            ],
        }] : []),
    ];
}

/** Days an overwritten or deleted log file is kept as an old version. */
export const NONCURRENT_LOG_DAYS = 90;

export interface AuditTrailArgs {
    readonly context: AwsContext;
    /** The trail's name; the `audit` key's policy admits the trail of this name only (`trailArn`). */
    readonly trailName: string;
    /**
     * The `audit` key: the trail's log files and the bucket's default encryption. Digest files are SSE-S3 in
     * older CloudTrail guides and under the trail's key in current ones; both read as CloudTrail naming the
     * encryption of each object it writes, so the default would apply only to objects others put (and nobody
     * else may encrypt with the key). Not verifiable offline: a first deployment should confirm digests arrive.
     */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Days log files are kept: their Object Lock retention when `lockLogFiles`, and when they expire. */
    readonly retentionInDays: number;
    /**
     * Object Lock in compliance mode on every log file for `retentionInDays` (prod): no one, the account's
     * root user included, deletes or overwrites it before. Governance mode would not do: whoever holds
     * s3:BypassGovernanceRetention, as an attacker with administrator credentials does, could remove the
     * record of their own actions. Object Lock can only be turned on when the bucket is created.
     * @default false
     */
    readonly lockLogFiles?: boolean;
    /** Where the trail bucket's server access logs go (CIS AWS 3.4). */
    readonly accessLogs: ServerAccessLogTarget;
    /** The log group events are also delivered to, for metric filters and alarms (FSBP CloudTrail.5). */
    readonly cloudWatch: { readonly logGroupName: string; readonly kmsKeyArn: pulumi.Input<string>; readonly retentionInDays: number };
    /** ARNs of the buckets whose object-level events the trail records. Not the trail's own bucket. @default none */
    readonly dataBucketArns?: readonly pulumi.Input<string>[];
    /** Keep the bucket, the log group and the trail from `pulumi destroy` (prod). @default false */
    readonly protect?: boolean;
}

/** Checks the arguments before anything exists; each error names the option and the fix. */
export function validateAuditTrailArgs(args: AuditTrailArgs): void {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/.test(args.trailName) || /[._-]{2}/.test(args.trailName)) {
        // CloudTrail user guide, "CloudTrail trail naming requirements".
        throw new Error(`AuditTrail: trailName ${JSON.stringify(args.trailName)} must be 3 to 128 letters, digits, '.', '_' or '-', start with a letter or digit and have no two separators in a row`);
    }
    if (!Number.isInteger(args.retentionInDays) || args.retentionInDays < 1) {
        throw new Error(`AuditTrail: retentionInDays must be a whole number of days, got ${args.retentionInDays}`);
    }
}

export class AuditTrail extends pulumi.ComponentResource {
    readonly trail: aws.cloudtrail.Trail;
    readonly bucket: aws.s3.Bucket;
    readonly logGroup: aws.cloudwatch.LogGroup;

    constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
        validateAuditTrailArgs(args);
        super("secure-platform:aws:AuditTrail", name, {}, opts);
        const parent = { parent: this };
        const arn = withAwsContext(args.context, (c) => trailArn(c, args.trailName));

        // No S3 Bucket Key: with one, CloudTrail would also need kms:Decrypt on the key to create or update the
        // trail (CloudTrail user guide, "Configure AWS KMS key policies for CloudTrail").
        const { bucket: created, publicAccess, versioning } = privateBucket(`${name}-logs`, {
            encryption: { kmsKeyArn: args.kmsKeyArn, bucketKey: false },
            ...(args.lockLogFiles ? { objectLock: { retentionDays: args.retentionInDays } } : {}),
            tags: { Name: `${name}-logs` },
            accessLogs: args.accessLogs,
            protect: args.protect,
        }, this);
        this.bucket = created;
        const bucket = this.bucket.id;
        new aws.s3.BucketLifecycleConfiguration(`${name}-logs`, {
            bucket,
            rules: [{
                id: "expire-trail-logs",
                status: "Enabled",
                filter: {},
                expiration: { days: args.retentionInDays },
                // A log file deleted or overwritten early (possible outside prod, where no Object Lock keeps it)
                // stays recoverable as an old version for this long.
                noncurrentVersionExpiration: { noncurrentDays: NONCURRENT_LOG_DAYS },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            }],
        }, { parent: this, dependsOn: [versioning] });
        const policy = new aws.s3.BucketPolicy(`${name}-logs`, {
            bucket,
            policy: pulumi.all([withAwsContext(args.context, (c) => c), this.bucket.arn, arn]).apply(([c, bucketArn, trail]) => trailBucketPolicy(c, bucketArn, trail)),
        }, { parent: this, dependsOn: [publicAccess] });

        this.logGroup = encryptedLogGroup(`${name}-events`, { ...args.cloudWatch, protect: args.protect }, this);
        const role = new aws.iam.Role(`${name}-delivery`, {
            description: `CloudTrail: delivery of trail ${args.trailName} to CloudWatch Logs`,
            assumeRolePolicy: arn.apply(cloudWatchDeliveryTrustPolicy),
        }, parent);
        const delivery = new aws.iam.RolePolicy(`${name}-delivery`, {
            role: role.name,
            policy: withAwsContext(args.context, (c) => cloudWatchDeliveryPolicy(c, args.cloudWatch.logGroupName)),
        }, parent);

        this.trail = new aws.cloudtrail.Trail(name, {
            name: args.trailName,
            s3BucketName: bucket,
            isMultiRegionTrail: true,
            includeGlobalServiceEvents: true,
            enableLogFileValidation: true,
            enableLogging: true,
            kmsKeyId: args.kmsKeyArn,
            cloudWatchLogsGroupArn: pulumi.interpolate`${this.logGroup.arn}:*`,
            cloudWatchLogsRoleArn: role.arn,
            advancedEventSelectors: pulumi.all([...(args.dataBucketArns ?? [])]).apply(trailEventSelectors),
            tags: { Name: args.trailName },
        }, { parent: this, protect: args.protect, dependsOn: [policy, delivery] });

        this.registerOutputs({ trailArn: this.trail.arn, bucketName: bucket, logGroupName: this.logGroup.name });
    }
}
