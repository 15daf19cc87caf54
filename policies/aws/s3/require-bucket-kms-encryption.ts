import { defineStackRule } from "../../lib/rule";
import { list, ofType, refersTo } from "../../lib/values";

export default defineStackRule({
    name: "require-bucket-kms-encryption",
    description: "S3 buckets must encrypt objects with KMS keys by default, except buckets that receive load balancer access logs, which only support SSE-S3.",
    severity: "medium",
    controls: ["FSBP S3.17"],
    remediation: "Add an aws.s3.BucketServerSideEncryptionConfiguration with `applyServerSideEncryptionByDefault: { sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <key ARN> }` and `bucketKeyEnabled: true`.",
    validate(resources, _context, report) {
        const encryption = [
            ...ofType(resources, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"),
            ...ofType(resources, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"),
        ];
        const balancers = [...ofType(resources, "aws:lb/loadBalancer:LoadBalancer"), ...ofType(resources, "aws:alb/loadBalancer:LoadBalancer")];
        for (const bucket of [...ofType(resources, "aws:s3/bucket:Bucket"), ...ofType(resources, "aws:s3/bucketV2:BucketV2")]) {
            const receivesLbLogs = balancers.some((lb) => lb.propertyDependencies.accessLogs?.includes(bucket) ||
                (lb.props.accessLogs?.bucket !== undefined && lb.props.accessLogs.bucket === bucket.props.bucket));
            const rules = [
                ...encryption.filter((e) => refersTo(e, "bucket", bucket)).flatMap((e) => list(e.props.rules)),
                // The bucket resource can also carry the configuration inline.
                ...list(bucket.props.serverSideEncryptionConfiguration?.rules ?? (bucket.props.serverSideEncryptionConfiguration?.rule ? [bucket.props.serverSideEncryptionConfiguration.rule] : [])),
            ];
            const algorithms = rules.map((r) => String(r.applyServerSideEncryptionByDefault?.sseAlgorithm));
            const kms = algorithms.some((a) => a === "aws:kms" || a === "aws:kms:dsse");
            // Load balancers deliver logs only to SSE-S3 buckets, which is also S3's default.
            const sseS3 = algorithms.length === 0 || algorithms.includes("AES256");
            if (!kms && !(receivesLbLogs && sseS3)) {
                report(bucket, `Bucket ${bucket.name} is encrypted with ${algorithms.length > 0 ? algorithms.join(", ") : "S3's default (SSE-S3)"}, not a KMS key.`);
            }
        }
    },
});
