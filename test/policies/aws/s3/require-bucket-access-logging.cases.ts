import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

type Resource = ReturnType<typeof resource>;

const bucket = (name: string, props: Record<string, unknown> = {}, type = "aws:s3/bucket:Bucket") =>
    resource(type, name, { bucket: `acme-${name}`, id: `acme-${name}`, arn: `arn:aws:s3:::acme-${name}`, ...props });
/** Server access logging of `source` into `target`, each a resource of the stack (matched by the dependency record) or a bucket name. */
const logging = (name: string, source: Resource | string, target: Resource | string, type = "aws:s3/bucketLogging:BucketLogging") => {
    const from: Record<string, Resource[]> = {};
    if (typeof source !== "string") {
        from.bucket = [source];
    }
    if (typeof target !== "string") {
        from.targetBucket = [target];
    }
    return resource(type, name, {
        bucket: typeof source === "string" ? source : source.props.id,
        targetBucket: typeof target === "string" ? target : target.props.id,
        targetPrefix: "s3-access-logs/",
    }, { from });
};

const logs = bucket("logs");
const data = bucket("data");
const backups = bucket("backups");
const legacy = bucket("legacy", {}, "aws:s3/bucketV2:BucketV2");

export default ruleCases("require-bucket-access-logging", {
    compliant: [
        { name: "a data bucket logging into the log bucket, which is exempt as the target", resources: [logs, data, logging("data", data, logs)] },
        { name: "two buckets logging into one log bucket", resources: [logs, data, backups, logging("data", data, logs), logging("backups", backups, logs)] },
        { name: "an aws.s3.BucketV2 with an aws.s3.BucketLoggingV2 into a log bucket managed elsewhere", resources: [legacy, logging("legacy", legacy, "acme-central-logs", "aws:s3/bucketLoggingV2:BucketLoggingV2")] },
        { name: "logging configured inline on the bucket, into a target named inline", resources: [bucket("inline", { logging: { targetBucket: "acme-logs", targetPrefix: "inline/" } }), logs] },
        { name: "a log bucket known to be a target by its name only", resources: [logs, data, logging("data", data, "acme-logs")] },
    ],
    violating: [
        { name: "a bucket without server access logging", resources: [data], message: /Bucket data has no server access logging\./ },
        { name: "the logging belongs to the other bucket", resources: [logs, data, backups, logging("data", data, logs)], message: /Bucket backups has no server access logging\./ },
        { name: "a bucket logging into itself", resources: [data, logging("data", data, data)], message: /Bucket data delivers its server access logs into itself/ },
        { name: "a bucket logging into itself, configured inline", resources: [bucket("loop", { logging: { targetBucket: "acme-loop" } })], message: /Bucket loop delivers its server access logs into itself/ },
        { name: "a load balancer's log bucket that receives no server access logs", resources: [bucket("alb-logs")], message: /Bucket alb-logs has no server access logging/ },
    ],
    unknown: [
        { name: "a target named inline by a name not known yet, beside a bucket whose name is needed", resources: [bucket("inline", { logging: { targetBucket: unknown } }), bucket("other", { bucket: unknown })] },
    ],
});
