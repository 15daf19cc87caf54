import type { PolicyResource } from "../../lib/policy-api";
import { defineStackRule } from "../../lib/rule";
import { ofType, referrers } from "../../lib/values";

const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const LOGGING_TYPES = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];

/**
 * Server access logging on every bucket, paired with its aws.s3.BucketLogging through the engine's
 * dependency record (or the bucket's name), or configured inline on the bucket. The one exception is a
 * bucket that receives server access logs: S3 advises against logging a target bucket, and logging it
 * into itself would record every delivery again (S3 user guide, "Enabling Amazon S3 server access
 * logging"); what reaches it is recorded by the buckets that log into it.
 */
export default defineStackRule({
    name: "require-bucket-access-logging",
    description: "Every S3 bucket must deliver server access logs to another bucket; a bucket that receives server access logs (a logging target) is exempt, and no bucket may log into itself.",
    severity: "medium",
    controls: ["FSBP S3.9", "CIS AWS 3.4"],
    remediation: "Add an aws.s3.BucketLogging with `bucket` set to the bucket and `targetBucket` set to the stack's log bucket (SSE-S3 encrypted, no Object Lock, with a bucket policy that lets logging.s3.amazonaws.com put objects under the target prefix for this account's buckets).",
    validate(resources, _context, report) {
        const loggings = LOGGING_TYPES.flatMap((type) => ofType(resources, type));
        const loggingOf = referrers(loggings, "bucket");
        const loggingInto = referrers(loggings, "targetBucket", "bucket");
        const inlineTarget = (bucket: PolicyResource): unknown => bucket.props.logging?.targetBucket;
        const buckets = BUCKET_TYPES.flatMap((type) => ofType(resources, type));
        // Targets named inline on a bucket resource, by name.
        const inlineTargets = new Set(buckets.map(inlineTarget).filter((name) => name !== undefined));
        // A bucket's name is read only when an inline configuration names targets: it may not be known in a preview.
        const isInlineTarget = (bucket: PolicyResource) => inlineTargets.size > 0 && inlineTargets.has(bucket.props.bucket);
        for (const bucket of buckets) {
            const own = loggingOf(bucket);
            const inline = inlineTarget(bucket);
            const intoItself = own.some((logging) => loggingInto(bucket).includes(logging)) || (inline !== undefined && inline === bucket.props.bucket);
            if (intoItself) {
                report(bucket, `Bucket ${bucket.name} delivers its server access logs into itself: every delivery is logged again. Expected a separate log bucket.`);
            } else if (own.length === 0 && inline === undefined && loggingInto(bucket).length === 0 && !isInlineTarget(bucket)) {
                report(bucket, `Bucket ${bucket.name} has no server access logging. Expected an aws.s3.BucketLogging that delivers its access logs to the stack's log bucket.`);
            }
        }
    },
});
