import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

type Resource = ReturnType<typeof resource>;

const S3_KEY = "arn:aws:kms:eu-west-1:111122223333:key/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
const bucket = (name: string, type = "aws:s3/bucket:Bucket") =>
    resource(type, name, { bucket: `acme-${name}`, id: `acme-${name}`, arn: `arn:aws:s3:::acme-${name}` });
const byDefault = (sseAlgorithm: string) =>
    ({ sseAlgorithm, ...(sseAlgorithm.startsWith("aws:kms") ? { kmsMasterKeyId: S3_KEY } : {}) });
const encryption = (name: string, target: Resource | string, sseAlgorithm: string, type = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration") => {
    const props = { rules: [{ applyServerSideEncryptionByDefault: byDefault(sseAlgorithm), bucketKeyEnabled: sseAlgorithm.startsWith("aws:kms") }] };
    return typeof target === "string"
        ? resource(type, name, { bucket: target, ...props })
        : resource(type, name, { bucket: target.props.id, ...props }, { from: { bucket: [target] } });
};
const loadBalancer = (name: string, logBucket: Resource | string) =>
    typeof logBucket === "string"
        ? resource("aws:lb/loadBalancer:LoadBalancer", name, { loadBalancerType: "application", accessLogs: { bucket: logBucket, enabled: true } })
        : resource("aws:lb/loadBalancer:LoadBalancer", name, { loadBalancerType: "application", accessLogs: { bucket: logBucket.props.id, enabled: true } }, { from: { accessLogs: [logBucket] } });

const serverAccessLogging = (name: string, source: Resource, target: Resource) =>
    resource("aws:s3/bucketLogging:BucketLogging", name, { bucket: source.props.id, targetBucket: target.props.id, targetPrefix: "s3/" }, { from: { bucket: [source], targetBucket: [target] } });

const data = bucket("data");
const reports = bucket("reports");
const lbLogs = bucket("lb-logs");
const legacy = bucket("legacy", "aws:s3/bucketV2:BucketV2");

export default ruleCases("require-bucket-kms-encryption", {
    compliant: [
        { name: "a bucket encrypted with a KMS key", resources: [data, encryption("data-sse", data, "aws:kms")] },
        { name: "an aws.s3.BucketV2 with dual-layer KMS encryption, configured by bucket name", resources: [legacy, encryption("legacy-sse", "acme-legacy", "aws:kms:dsse")] },
        { name: "a load balancer log bucket on SSE-S3", resources: [lbLogs, encryption("lb-logs-sse", lbLogs, "AES256"), loadBalancer("web", lbLogs)] },
        { name: "a load balancer log bucket on SSE-S3, named by the load balancer", resources: [lbLogs, encryption("lb-logs-sse", lbLogs, "AES256"), loadBalancer("web", "acme-lb-logs")] },
        { name: "no bucket at all", resources: [resource("aws:kms/key:Key", "s3", { enableKeyRotation: true })] },
        {
            name: "a bucket on SSE-S3 that receives S3 server access logs",
            resources: [data, encryption("data-sse", data, "aws:kms"), lbLogs, encryption("lb-logs-sse", lbLogs, "AES256"), serverAccessLogging("data", data, lbLogs)],
        },
        {
            name: "a bucket encrypted with a KMS key through the aws.s3.BucketServerSideEncryptionConfigurationV2 resource",
            resources: [data, encryption("data-sse", data, "aws:kms", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")],
        },
    ],
    violating: [
        { name: "a bucket without an encryption configuration", resources: [data], message: /Bucket data is encrypted with S3's default \(SSE-S3\), not a KMS key\./ },
        { name: "a bucket on SSE-S3 that receives no load balancer logs", resources: [data, encryption("data-sse", data, "AES256")], message: /Bucket data is encrypted with AES256, not a KMS key\./ },
        {
            name: "a bucket on SSE-S3 whose server access logs go elsewhere (a source, not a target)",
            resources: [data, encryption("data-sse", data, "AES256"), lbLogs, serverAccessLogging("data", data, lbLogs)],
            message: /Bucket data is encrypted with AES256, not a KMS key\./,
        },
        { name: "the KMS configuration belongs to the other bucket", resources: [data, reports, encryption("reports-sse", reports, "aws:kms")], message: /Bucket data is encrypted with S3's default/ },
    ],
    unknown: [
        { name: "an encryption configuration naming an unmanaged bucket by an id not known yet", resources: [data, encryption("later", unknown, "aws:kms")] },
    ],
});
