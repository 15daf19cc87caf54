import { defineStackRule } from "../../lib/rule";
import type { PolicyResource } from "../../lib/policy-api";
import { list, ofType, referrers } from "../../lib/values";

export default defineStackRule({
    name: "require-bucket-kms-encryption",
    description: "S3 buckets must encrypt objects with KMS keys by default, except buckets that receive load balancer access logs or S3 server access logs, which only support SSE-S3.",
    severity: "medium",
    controls: ["FSBP S3.17"],
    remediation: "Add an aws.s3.BucketServerSideEncryptionConfiguration with `applyServerSideEncryptionByDefault: { sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <key ARN> }` and `bucketKeyEnabled: true`.",
    validate(resources, _context, report) {
        const encryptionOf = referrers([
            ...ofType(resources, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"),
            ...ofType(resources, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"),
        ], "bucket");
        const balancers = [...ofType(resources, "aws:lb/loadBalancer:LoadBalancer"), ...ofType(resources, "aws:alb/loadBalancer:LoadBalancer")];
        // The buckets load balancers log to: by the engine's dependency record, or by a literal bucket name.
        const logBuckets = new Set(balancers.flatMap((lb) => lb.propertyDependencies.accessLogs ?? []));
        let logBucketNames: Set<unknown> | undefined;
        const receivesLbLogs = (bucket: PolicyResource) => logBuckets.has(bucket)
            || (logBucketNames ??= new Set(balancers.map((lb) => lb.props.accessLogs?.bucket).filter((name) => name !== undefined))).has(bucket.props.bucket);
        // Buckets that receive S3 server access logs: S3 supports no default encryption but SSE-S3 on them (S3 user
        // guide, "Enabling Amazon S3 server access logging").
        const serverAccessLogsInto = referrers([
            ...ofType(resources, "aws:s3/bucketLogging:BucketLogging"),
            ...ofType(resources, "aws:s3/bucketLoggingV2:BucketLoggingV2"),
        ], "targetBucket", "bucket");
        for (const bucket of [...ofType(resources, "aws:s3/bucket:Bucket"), ...ofType(resources, "aws:s3/bucketV2:BucketV2")]) {
            const rules = [
                ...encryptionOf(bucket).flatMap((e) => list(e.props.rules)),
                // The bucket resource can also carry the configuration inline.
                ...list(bucket.props.serverSideEncryptionConfiguration?.rules ?? (bucket.props.serverSideEncryptionConfiguration?.rule ? [bucket.props.serverSideEncryptionConfiguration.rule] : [])),
            ];
            const algorithms = rules.map((r) => String(r.applyServerSideEncryptionByDefault?.sseAlgorithm));
            const kms = algorithms.some((a) => a === "aws:kms" || a === "aws:kms:dsse");
            // Load balancers and S3 deliver logs only to SSE-S3 buckets, which is also S3's default.
            const sseS3 = algorithms.length === 0 || algorithms.includes("AES256");
            if (!kms && !(sseS3 && (receivesLbLogs(bucket) || serverAccessLogsInto(bucket).length > 0))) {
                report(bucket, `Bucket ${bucket.name} is encrypted with ${algorithms.length > 0 ? algorithms.join(", ") : "S3's default (SSE-S3)"}, not a KMS key.`);
            }
        }
    },
});
