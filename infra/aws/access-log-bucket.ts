import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransport } from "./iam-documents";
import { privateBucket, ServerAccessLogTarget } from "./private-bucket";
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

/** The key prefix S3 server access logs of the stack's other buckets are delivered under. */
export const SERVER_ACCESS_LOG_PREFIX = "s3-access-logs";

/**
 * The bucket policy: the load balancer's log delivery may put objects under this account's prefix
 * only; S3's log delivery may put the server access logs of this account's buckets under theirs (S3
 * user guide, "Enabling Amazon S3 server access logging", "Permissions for log delivery": with ACLs
 * disabled only a bucket policy can grant it); every request over plain HTTP is denied (FSBP S3.5).
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
                Sid: "S3ServerAccessLogDelivery",
                Effect: "Allow",
                Principal: { Service: "logging.s3.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${bucketArn}/${SERVER_ACCESS_LOG_PREFIX}/*`,
                Condition: {
                    ArnLike: { "aws:SourceArn": `arn:${context.partition}:s3:::*` },
                    StringEquals: { "aws:SourceAccount": context.accountId },
                },
            },
            denyInsecureTransport(bucketArn),
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
 * The platform's log bucket: the load balancer's access logs and the S3 server access logs of every
 * other bucket of the stack. All public access blocked (FSBP S3.1/S3.8), objects owned by the bucket
 * owner with ACLs disabled, default encryption, versioning, HTTPS-only policy, and a lifecycle that
 * expires logs after the retention period. Load balancers deliver logs only to SSE-S3 buckets, and S3
 * server access logging supports no other default encryption either (S3 user guide, "Enabling Amazon
 * S3 server access logging"), so this bucket uses S3-managed keys rather than a customer-managed one.
 * It logs no access of its own: S3 advises against logging a target bucket, and logging it into
 * itself would loop.
 */
export class AccessLogBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    /** Becomes ready once the policy that lets the load balancer write is in place. */
    readonly ready: pulumi.Output<string>;
    /** Where the stack's other buckets deliver their server access logs. */
    readonly serverAccessLogs: ServerAccessLogTarget;

    constructor(name: string, args: AccessLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        if (!Number.isInteger(args.retentionInDays) || args.retentionInDays < 1) {
            throw new Error(`AccessLogBucket: retentionInDays must be a whole number of days, got ${args.retentionInDays}`);
        }
        if (args.prefix === SERVER_ACCESS_LOG_PREFIX) {
            throw new Error(`AccessLogBucket: prefix ${JSON.stringify(args.prefix)} is where S3 server access logs go; choose another prefix for the load balancer's logs`);
        }
        super("secure-platform:aws:AccessLogBucket", name, {}, opts);
        const parent = { parent: this };

        // S3 server access logs may be delivered only to a bucket with SSE-S3 (S3 user guide).
        const { bucket: created, publicAccess } = privateBucket(name, { encryption: "sse-s3", tags: { Name: name }, accessLogs: "log-target", protect: args.protect }, this);
        this.bucket = created;
        const bucket = this.bucket.id;
        new aws.s3.BucketLifecycleConfiguration(name, {
            bucket,
            rules: [args.prefix, SERVER_ACCESS_LOG_PREFIX].map((prefix) => ({
                id: prefix === args.prefix ? "expire-access-logs" : "expire-server-access-logs",
                status: "Enabled",
                filter: { prefix: `${prefix}/` },
                expiration: { days: args.retentionInDays },
                noncurrentVersionExpiration: { noncurrentDays: 30 },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            })),
        }, parent);
        const policy = new aws.s3.BucketPolicy(name, {
            bucket,
            policy: pulumi.all([withAwsContext(args.context, (c) => c), this.bucket.arn])
                .apply(([c, arn]) => accessLogBucketPolicy(c, arn, args.prefix)),
        }, { parent: this, dependsOn: [publicAccess] });

        this.ready = pulumi.all([this.bucket.id, policy.id]).apply(([id]) => id);
        this.serverAccessLogs = { bucket: this.ready, prefix: SERVER_ACCESS_LOG_PREFIX };
        this.registerOutputs({ bucketName: this.bucket.id });
    }
}
