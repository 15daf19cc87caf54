/**
 * Where MongoDB's logical backups (Percona Backup for MongoDB) go: an S3 bucket encrypted with the
 * backup CMK (FSBP S3.17), all public access blocked (S3.1/S3.8), ACLs disabled, HTTPS only (S3.5),
 * versioned, every request to it recorded in the platform's log bucket (S3.9), written only by the
 * MongoDB pods' service account and pruned only by the operator's, both through EKS Pod Identity.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { privateBucket, ServerAccessLogTarget } from "./private-bucket";
import { AwsContext, ResolvedAwsContext, withAwsContext } from "./aws-context";
import { podIdentityTrustPolicy, ServiceAccountRef, denyInsecureTransport } from "./iam-documents";

/** Bucket policy: nothing over plain HTTP, and no object written without the bucket's KMS key. */
export function logicalBackupBucketPolicy(bucketArn: string, kmsKeyArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            denyInsecureTransport(bucketArn),
            {
                Sid: "DenyOtherKeys",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:PutObject",
                Resource: `${bucketArn}/*`,
                Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": kmsKeyArn } },
            },
        ],
    });
}

/** The key prefix every logical backup is written under (PBM's `prefix`). */
export const LOGICAL_BACKUP_PREFIX = "mongodb";

/**
 * What deleting expired backups takes, for the operator that does it (it deletes a backup's files
 * itself when its retention drops it: operator v1.22.0, pkg/psmdb/backup/pbm.go deleteBackupImpl →
 * PBM's backup.DeleteBackupFiles): list the backup's files, look each one up and delete it, under the
 * backup prefix only. PBM looks every file up with HeadObject before deleting it (pbm/storage/s3/s3.go
 * Delete → FileStat), which needs s3:GetObject; a missing file must answer 404, not 403, which takes
 * s3:ListBucket for its key (S3 API reference, HeadObject, "Permissions"). No KMS rights: neither a
 * lookup nor a delete decrypts, so the objects' contents stay unreadable to this role.
 */
export function logicalBackupExpiryPolicy(bucketArn: string, prefix: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "ListBackups", Effect: "Allow", Action: ["s3:ListBucket"], Resource: bucketArn, Condition: { StringLike: { "s3:prefix": [`${prefix}/*`] } } },
            { Sid: "DeleteExpiredBackups", Effect: "Allow", Action: ["s3:GetObject", "s3:DeleteObject"], Resource: `${bucketArn}/${prefix}/*` },
        ],
    });
}

/** What the backup agent may do: list the bucket, read and write objects, and use the key through S3. */
export function logicalBackupAccessPolicy(context: ResolvedAwsContext, bucketArn: string, kmsKeyArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "ListBucket", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: bucketArn },
            { Sid: "ReadWriteBackups", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"], Resource: `${bucketArn}/*` },
            {
                Sid: "UseBackupKeyThroughS3",
                Effect: "Allow",
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: kmsKeyArn,
                Condition: { StringEquals: { "kms:ViaService": `s3.${context.region}.${context.dnsSuffix}` } },
            },
        ],
    });
}

export interface LogicalBackupBucketArgs {
    readonly context: AwsContext;
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The role the backup agent runs as (see `logicalBackupRole`). */
    readonly role: aws.iam.Role;
    /** The role the operator deletes expired backups as (see `logicalBackupRole`); it gets no key. */
    readonly expiryRole: aws.iam.Role;
    /** The key prefix backups are written under. @default LOGICAL_BACKUP_PREFIX */
    readonly prefix?: string;
    /** Days old object versions are kept after being overwritten or deleted. */
    readonly noncurrentRetentionDays: number;
    /** Where the bucket's server access logs go (the platform's log bucket, `AccessLogBucket.serverAccessLogs`). */
    readonly accessLogs: ServerAccessLogTarget;
    /** Keep the bucket from `pulumi destroy` (prod). @default false */
    readonly protect?: boolean;
}

/**
 * A role a service account assumes through EKS Pod Identity for logical backups: the MongoDB pods' (made
 * before the keys, so the backup key's policy can name it as a user) or the operator's.
 */
export function logicalBackupRole(name: string, context: AwsContext, identity: ServiceAccountRef, opts: pulumi.CustomResourceOptions): aws.iam.Role {
    return new aws.iam.Role(name, {
        description: `EKS Pod Identity: MongoDB backups (${identity.namespace}/${identity.serviceAccount})`,
        assumeRolePolicy: withAwsContext(context, (c) => podIdentityTrustPolicy(c, identity)),
    }, opts);
}

export class LogicalBackupBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;

    constructor(name: string, args: LogicalBackupBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        if (!Number.isInteger(args.noncurrentRetentionDays) || args.noncurrentRetentionDays < 1) {
            throw new Error(`LogicalBackupBucket: noncurrentRetentionDays must be a whole number of days, got ${args.noncurrentRetentionDays}`);
        }
        super("secure-platform:aws:LogicalBackupBucket", name, {}, opts);
        const parent = { parent: this };

        const { bucket: created, publicAccess } = privateBucket(name, { encryption: { kmsKeyArn: args.kmsKeyArn }, tags: { Name: name }, accessLogs: args.accessLogs, protect: args.protect }, this);
        this.bucket = created;
        const bucket = this.bucket.id;
        new aws.s3.BucketLifecycleConfiguration(name, {
            bucket,
            rules: [{
                id: "expire-old-versions",
                status: "Enabled",
                filter: {},
                noncurrentVersionExpiration: { noncurrentDays: args.noncurrentRetentionDays },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            }],
        }, parent);
        new aws.s3.BucketPolicy(name, {
            bucket,
            policy: pulumi.all([this.bucket.arn, args.kmsKeyArn]).apply(([arn, key]) => logicalBackupBucketPolicy(arn, key)),
        }, { parent: this, dependsOn: [publicAccess] });
        new aws.iam.RolePolicy(`${name}-access`, {
            role: args.role.name,
            policy: pulumi.all([withAwsContext(args.context, (c) => c), this.bucket.arn, args.kmsKeyArn])
                .apply(([c, arn, key]) => logicalBackupAccessPolicy(c, arn, key)),
        }, parent);
        new aws.iam.RolePolicy(`${name}-expiry`, {
            role: args.expiryRole.name,
            policy: this.bucket.arn.apply((arn) => logicalBackupExpiryPolicy(arn, args.prefix ?? LOGICAL_BACKUP_PREFIX)),
        }, parent);
        this.registerOutputs({ bucketName: bucket });
    }
}
