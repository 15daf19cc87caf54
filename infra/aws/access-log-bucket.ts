import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, ResolvedAwsContext, withAwsContext } from "./aws-context";

/**
 * Elastic Load Balancing's log-delivery account per region, for regions opened before August 2022;
 * newer regions deliver as the `logdelivery.elasticloadbalancing.amazonaws.com` service
 * (docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-southeast-3": "589379963580",
    "ap-south-1": "718504428378",
    "ap-northeast-3": "383597477331",
    "ap-northeast-2": "600734575887",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-northeast-1": "582318560864",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-south-1": "635631232127",
    "eu-west-3": "009996457667",
    "eu-north-1": "897822967062",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
    "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635",
    "cn-north-1": "638102146993",
    "cn-northwest-1": "037604701340",
};

/** Who writes access logs into the bucket in `region`. */
export function logDeliveryPrincipal(context: ResolvedAwsContext): { AWS: string } | { Service: string } {
    const account = ELB_LOG_DELIVERY_ACCOUNTS[context.region];
    return account ? { AWS: `arn:${context.partition}:iam::${account}:root` } : { Service: "logdelivery.elasticloadbalancing.amazonaws.com" };
}

/**
 * The bucket policy: the load balancer's log delivery may put objects under this account's prefix
 * only, and every request over plain HTTP is denied (FSBP S3.5).
 */
export function accessLogBucketPolicy(context: ResolvedAwsContext, bucketArn: string, prefix: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "LoadBalancerLogDelivery",
                Effect: "Allow",
                Principal: logDeliveryPrincipal(context),
                Action: "s3:PutObject",
                Resource: `${bucketArn}/${prefix}/AWSLogs/${context.accountId}/*`,
            },
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucketArn, `${bucketArn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    });
}

export interface AccessLogBucketArgs {
    readonly context: AwsContext;
    /** Key prefix the load balancer writes under. */
    readonly prefix: string;
    /** Days before log objects expire. */
    readonly retentionInDays: number;
    /** Keep the bucket from `pulumi destroy` (prod audit trail). @default false */
    readonly protect?: boolean;
}

/**
 * The load balancer's access-log bucket: all public access blocked (FSBP S3.1/S3.8), objects owned by
 * the bucket owner with ACLs disabled, default encryption, versioning, HTTPS-only policy, and a
 * lifecycle that expires logs after the retention period. Load balancers can only deliver logs to
 * SSE-S3 buckets, so this bucket uses S3-managed keys rather than a customer-managed one.
 */
export class AccessLogBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    /** Becomes ready once the policy that lets the load balancer write is in place. */
    readonly ready: pulumi.Output<string>;

    constructor(name: string, args: AccessLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        if (!Number.isInteger(args.retentionInDays) || args.retentionInDays < 1) {
            throw new Error(`AccessLogBucket: retentionInDays must be a whole number of days, got ${args.retentionInDays}`);
        }
        super("secure-platform:aws:AccessLogBucket", name, {}, opts);
        const parent = { parent: this };

        this.bucket = new aws.s3.Bucket(name, { forceDestroy: false, tags: { Name: name } }, { parent: this, protect: args.protect });
        const bucket = this.bucket.id;
        const publicAccess = new aws.s3.BucketPublicAccessBlock(name, {
            bucket,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }, parent);
        new aws.s3.BucketOwnershipControls(name, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, parent);
        new aws.s3.BucketServerSideEncryptionConfiguration(name, {
            bucket,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
        }, parent);
        new aws.s3.BucketVersioning(name, { bucket, versioningConfiguration: { status: "Enabled" } }, parent);
        new aws.s3.BucketLifecycleConfiguration(name, {
            bucket,
            rules: [{
                id: "expire-access-logs",
                status: "Enabled",
                filter: { prefix: `${args.prefix}/` },
                expiration: { days: args.retentionInDays },
                noncurrentVersionExpiration: { noncurrentDays: 30 },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            }],
        }, parent);
        const policy = new aws.s3.BucketPolicy(name, {
            bucket,
            policy: pulumi.all([withAwsContext(args.context, (c) => c), this.bucket.arn])
                .apply(([c, arn]) => accessLogBucketPolicy(c, arn, args.prefix)),
        }, { parent: this, dependsOn: [publicAccess] });

        this.ready = pulumi.all([this.bucket.id, policy.id]).apply(([id]) => id);
        this.registerOutputs({ bucketName: this.bucket.id });
    }
}
