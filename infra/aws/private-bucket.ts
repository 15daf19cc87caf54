/**
 * The baseline every bucket of the platform starts from: public access blocked at the bucket, ACLs off (bucket owner
 * enforced), default encryption and versioning. The components add their policy, lifecycle and logging.
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

export interface PrivateBucketArgs {
    readonly encryption: BucketEncryption;
    readonly tags: Readonly<Record<string, string>>;
    /** S3 Object Lock, which can be enabled only when the bucket is created. @default false */
    readonly objectLock?: boolean;
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
    return { bucket, publicAccess, versioning };
}
