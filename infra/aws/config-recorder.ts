import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransport } from "./iam-documents";
import { privateBucket, ServerAccessLogTarget } from "./private-bucket";
import { AwsContext, ResolvedAwsContext, withAwsContext } from "./aws-context";
import { accountRoot, KEY_ADMIN_ACTIONS, KEY_POLICY_ADMIN_ACTIONS, PolicyDocument } from "./kms-policy";

/**
 * AWS Config's service-linked role, which the recorder records with. Security Hub's Config.1 ("AWS Config
 * should be enabled and use the service-linked role for resource recording": docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html#config-1)
 * fails a recorder that uses a custom role, such as one with the AWS_ConfigRole managed policy.
 */
export const CONFIG_SERVICE = "config.amazonaws.com";

/** What the service may do with the delivery key: encrypt new objects, read them back. */
const DELIVERY_KEY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey"] as const;

/** The key under which AWS Config writes: `<prefix>/AWSLogs/<account>/Config/...`. */
export function configDeliveryPath(context: ResolvedAwsContext, bucketArn: string, prefix: string): string {
    return `${bucketArn}/${prefix}/AWSLogs/${context.accountId}/Config/*`;
}

/**
 * The bucket policy from the AWS Config developer guide ("Permissions for the Amazon S3 bucket for the
 * delivery channel": docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html): the service
 * may check the bucket's ACL, that it exists, and put objects under this account's Config path with the
 * bucket owner in full control, each only for this account; plus every request over plain HTTP denied
 * (FSBP S3.5).
 */
export function configBucketPolicy(context: ResolvedAwsContext, bucketArn: string, prefix: string): string {
    const service = { Service: CONFIG_SERVICE };
    const sourceAccount = { "AWS:SourceAccount": context.accountId };
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AWSConfigBucketPermissionsCheck", Effect: "Allow", Principal: service, Action: "s3:GetBucketAcl", Resource: bucketArn, Condition: { StringEquals: sourceAccount } },
            { Sid: "AWSConfigBucketExistenceCheck", Effect: "Allow", Principal: service, Action: "s3:ListBucket", Resource: bucketArn, Condition: { StringEquals: sourceAccount } },
            {
                Sid: "AWSConfigBucketDelivery",
                Effect: "Allow",
                Principal: service,
                Action: "s3:PutObject",
                Resource: configDeliveryPath(context, bucketArn, prefix),
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", ...sourceAccount } },
            },
            denyInsecureTransport(bucketArn),
        ],
    });
}

/**
 * The delivery key's policy: administration without use for the account, policy changes for the named
 * administrators, and use by the Config service for this account only, which delivers as its service-linked
 * role (the delivery channel's `s3KmsKeyArn`: docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html).
 */
export function configKeyPolicy(context: ResolvedAwsContext, keyAdmins: readonly string[]): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: accountRoot(context) }, Action: [...KEY_ADMIN_ACTIONS], Resource: "*" },
            { Sid: "KeyPolicyAdministration", Effect: "Allow", Principal: { AWS: [...new Set(keyAdmins)].sort() }, Action: [...KEY_POLICY_ADMIN_ACTIONS], Resource: "*" },
            {
                Sid: "ConfigServiceUse",
                Effect: "Allow",
                Principal: { Service: CONFIG_SERVICE },
                Action: [...DELIVERY_KEY_ACTIONS],
                Resource: "*",
                Condition: { StringEquals: { "AWS:SourceAccount": context.accountId } },
            },
        ],
    };
}

export interface ConfigRecorderArgs {
    readonly context: AwsContext;
    /** Name of the recorder and delivery channel, and prefix of the key alias (`alias/<namePrefix>/config`). */
    readonly namePrefix: string;
    /**
     * Record global resource types (IAM users, roles, policies) too. AWS Config advises recording them in
     * one region only, or each region records them again (docs.aws.amazon.com/config/latest/developerguide/select-resources.html).
     * @default true
     */
    readonly recordGlobalResources?: boolean;
    /** Roles allowed to change the delivery key's policy; the role that runs `pulumi up` must be one. */
    readonly keyAdmins: readonly string[];
    /** Days KMS waits before deleting the delivery key (7 to 30). */
    readonly kmsDeletionWindowInDays: number;
    /** The log bucket that receives the Config bucket's server access logs (FSBP S3.9). */
    readonly accessLogs: ServerAccessLogTarget;
    /** Days before a replaced configuration object version is deleted. */
    readonly noncurrentRetentionDays: number;
    /** Keep the bucket and key from `pulumi destroy` (prod). @default false */
    readonly protect?: boolean;
}

/** Key prefix of every delivery. */
export const CONFIG_DELIVERY_PREFIX = "config";

/**
 * AWS Config (FSBP Config.1, CIS AWS Foundations 3.3): a recorder of every supported resource type,
 * continuously, as Config's service-linked role; a delivery channel into a bucket that blocks all
 * public access, is versioned, HTTPS-only, access-logged and encrypted with a key of its own; the recorder switched on.
 * The bucket has no Object Lock: AWS Config cannot deliver to a bucket that has it (AWS::Config::DeliveryChannel).
 */
export class ConfigRecorder extends pulumi.ComponentResource {
    readonly recorder: aws.cfg.Recorder;
    readonly bucket: aws.s3.Bucket;
    readonly status: aws.cfg.RecorderStatus;

    constructor(name: string, args: ConfigRecorderArgs, opts?: pulumi.ComponentResourceOptions) {
        if (!Number.isInteger(args.noncurrentRetentionDays) || args.noncurrentRetentionDays < 1) {
            throw new Error(`ConfigRecorder: noncurrentRetentionDays must be a whole number of days, got ${args.noncurrentRetentionDays}`);
        }
        if (args.keyAdmins.length === 0) {
            throw new Error("ConfigRecorder: keyAdmins is empty; name the role that runs pulumi up (KMS refuses a key policy its caller could not change again)");
        }
        super("secure-platform:aws:ConfigRecorder", name, {}, opts);
        const parent = { parent: this };
        const resolved = withAwsContext(args.context, (c) => c);

        // One per account, which the recorder names by ARN. An account that already has it (Config set up
        // before, in the console) imports it instead: README, "Threat detection and compliance".
        const serviceLinkedRole = new aws.iam.ServiceLinkedRole(`${name}-service-role`, {
            awsServiceName: CONFIG_SERVICE,
            description: "AWS Config: records resource configurations (Security Hub Config.1)",
        }, parent);

        const key = new aws.kms.Key(`${name}-key`, {
            description: `${args.namePrefix}: AWS Config deliveries`,
            enableKeyRotation: true,
            deletionWindowInDays: args.kmsDeletionWindowInDays,
            policy: resolved.apply((c) => JSON.stringify(configKeyPolicy(c, args.keyAdmins))),
            bypassPolicyLockoutSafetyCheck: false,
            tags: { Name: `${args.namePrefix}-config`, Purpose: "config" },
        }, { parent: this, protect: args.protect });
        new aws.kms.Alias(`${name}-key`, { name: `alias/${args.namePrefix}/config`, targetKeyId: key.keyId }, parent);

        const { bucket: created, publicAccess } = privateBucket(name, { encryption: { kmsKeyArn: key.arn }, tags: { Name: `${args.namePrefix}-config` }, accessLogs: args.accessLogs, protect: args.protect }, this);
        this.bucket = created;
        const bucket = this.bucket.id;
        new aws.s3.BucketLifecycleConfiguration(name, {
            bucket,
            rules: [{
                id: "expire-replaced-versions",
                status: "Enabled",
                filter: { prefix: `${CONFIG_DELIVERY_PREFIX}/` },
                noncurrentVersionExpiration: { noncurrentDays: args.noncurrentRetentionDays },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            }],
        }, parent);
        const bucketPolicy = new aws.s3.BucketPolicy(name, {
            bucket,
            policy: pulumi.all([resolved, this.bucket.arn]).apply(([c, arn]) => configBucketPolicy(c, arn, CONFIG_DELIVERY_PREFIX)),
        }, { parent: this, dependsOn: [publicAccess] });
        this.recorder = new aws.cfg.Recorder(name, {
            name: args.namePrefix,
            roleArn: serviceLinkedRole.arn,
            recordingGroup: { allSupported: true, includeGlobalResourceTypes: args.recordGlobalResources ?? true },
            recordingMode: { recordingFrequency: "CONTINUOUS" },
        }, parent);
        // Config checks the bucket and key when the channel is created: both policies must be in place.
        const channel = new aws.cfg.DeliveryChannel(name, {
            name: args.namePrefix,
            s3BucketName: bucket,
            s3KeyPrefix: CONFIG_DELIVERY_PREFIX,
            s3KmsKeyArn: key.arn,
            snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
        }, { parent: this, dependsOn: [this.recorder, bucketPolicy] });
        this.status = new aws.cfg.RecorderStatus(name, { name: this.recorder.name, isEnabled: true }, { parent: this, dependsOn: [channel] });

        this.registerOutputs({ bucketName: bucket, recorderName: this.recorder.name });
    }
}
