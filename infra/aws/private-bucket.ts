/**
 * The baseline every bucket of the platform starts from: public access blocked at the bucket, ACLs off (bucket owner
 * enforced), default encryption, versioning, S3 server access logs into the stack's log bucket (FSBP S3.9) unless it
 * is that bucket, and Object Lock where asked. The components add their policy and lifecycle.
 *
 * Encryption is a customer-managed KMS key, or SSE-S3 where S3 requires it: a server access log target bucket may not
 * use SSE-KMS (S3 user guide, "Enabling Amazon S3 server access logging").
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export type BucketEncryption =
    /** SSE-KMS with this key; `bucketKey` off where the writer could not also decrypt (CloudTrail). */
    | { readonly kmsKeyArn: pulumi.Input<string>; readonly bucketKey?: boolean }
    | "sse-s3";

/** Where a bucket's server access logs go: the log bucket (once its policy admits S3's delivery) and the key prefix. */
export interface ServerAccessLogTarget {
    readonly bucket: pulumi.Input<string>;
    readonly prefix: string;
}

export interface PrivateBucketArgs {
    readonly encryption: BucketEncryption;
    readonly tags: Readonly<Record<string, string>>;
    /**
     * Where its server access logs go, or `log-target` for the log bucket itself, which S3 advises not to log
     * (logging it into itself would loop).
     */
    readonly accessLogs: ServerAccessLogTarget | "log-target";
    /**
     * S3 Object Lock, enabled when the bucket is created (it cannot be turned on later), with a default retention in
     * compliance mode: no one, the account's root included, can delete or overwrite a version before it ends.
     * @default no lock
     */
    readonly objectLock?: { readonly retentionDays: number };
    readonly protect?: boolean;
}

export interface PrivateBucket {
    readonly bucket: aws.s3.Bucket;
    /** Bucket policies wait for it: a policy is refused while a public-access setting is being applied. */
    readonly publicAccess: aws.s3.BucketPublicAccessBlock;
    readonly versioning: aws.s3.BucketVersioning;
}

/** Declares the bucket and its baseline, all named `name`, under `parent`. */
export function privateBucket(name: string, args: PrivateBucketArgs, parent: pulumi.Resource): PrivateBucket {
    const opts = { parent };
    const bucket = new aws.s3.Bucket(name, {
        forceDestroy: false,
        ...(args.objectLock ? { objectLockEnabled: true } : {}),
        tags: { ...args.tags },
    }, { parent, protect: args.protect ?? false });
    const id = bucket.id;
    const publicAccess = new aws.s3.BucketPublicAccessBlock(name, {
        bucket: id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, opts);
    new aws.s3.BucketOwnershipControls(name, { bucket: id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
    new aws.s3.BucketServerSideEncryptionConfiguration(name, {
        bucket: id,
        rules: [args.encryption === "sse-s3"
            ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.encryption.kmsKeyArn }, bucketKeyEnabled: args.encryption.bucketKey ?? true }],
    }, opts);
    const versioning = new aws.s3.BucketVersioning(name, { bucket: id, versioningConfiguration: { status: "Enabled" } }, opts);
    if (args.objectLock) {
        new aws.s3.BucketObjectLockConfiguration(name, {
            bucket: id,
            objectLockEnabled: "Enabled",
            rule: { defaultRetention: { mode: "COMPLIANCE", days: args.objectLock.retentionDays } },
        }, { parent, dependsOn: [versioning] });
    }
    if (args.accessLogs !== "log-target") {
        // Date-partitioned keys that name the source account, Region and bucket, so many buckets share one prefix.
        new aws.s3.BucketLogging(name, {
            bucket: id,
            targetBucket: args.accessLogs.bucket,
            targetPrefix: `${args.accessLogs.prefix}/`,
            targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
        }, opts);
    }
    return { bucket, publicAccess, versioning };
}
