import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

type Resource = ReturnType<typeof resource>;

const ALL_ON = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const bucket = (name: string, type = "aws:s3/bucket:Bucket") =>
    resource(type, name, { bucket: `acme-${name}`, id: `acme-${name}`, arn: `arn:aws:s3:::acme-${name}` });
const block = (name: string, target: Resource | string, flags: Record<string, unknown> = ALL_ON) =>
    typeof target === "string"
        ? resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name, { bucket: target, ...flags })
        : resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name, { bucket: target.props.id, ...flags }, { from: { bucket: [target] } });

const data = bucket("data");
const reports = bucket("reports");
const legacy = bucket("legacy", "aws:s3/bucketV2:BucketV2");
const fresh = resource("aws:s3/bucket:Bucket", "fresh", { bucketPrefix: "acme-fresh-", id: unknown, arn: unknown });

export default ruleCases("require-bucket-public-access-block", {
    compliant: [
        { name: "a bucket with all four settings on", resources: [data, block("data", data)] },
        { name: "two buckets, each blocked", resources: [data, reports, block("data", data), block("reports", reports)] },
        { name: "an aws.s3.BucketV2 blocked by bucket name", resources: [legacy, block("legacy", "acme-legacy")] },
        { name: "a bucket whose id is not known yet, matched through the engine's dependency record", resources: [fresh, block("fresh", fresh)] },
        { name: "a block for a bucket managed elsewhere, no bucket in the stack", resources: [block("external", "acme-external-bucket")] },
    ],
    violating: [
        { name: "a bucket without a public access block", resources: [data], message: /Bucket data has no public access block\./ },
        { name: "the block belongs to the other bucket", resources: [data, reports, block("reports", reports)], message: /Bucket data has no public access block\./ },
        {
            name: "a block leaving two settings off",
            resources: [data, block("data", data, { blockPublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: false })],
            message: /Public access block data leaves ignorePublicAcls, restrictPublicBuckets off\./,
        },
        {
            name: "a block for a bucket managed elsewhere, no bucket in the stack, leaving a setting off",
            resources: [block("external", "acme-external-bucket", { ...ALL_ON, ignorePublicAcls: false })],
            message: /Public access block external leaves ignorePublicAcls off\. Expected all four settings true\./,
        },
        {
            name: "a bucket whose account blocks public access but which has no block of its own",
            resources: [data, resource("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "account", ALL_ON)],
            message: /Bucket data has no public access block\. .*an account-level block does not count/,
        },
        {
            name: "an aws.s3.BucketV2 whose block allows public policies",
            resources: [legacy, block("legacy", legacy, { ...ALL_ON, blockPublicPolicy: false })],
            message: /Public access block legacy leaves blockPublicPolicy off\./,
        },
    ],
    unknown: [
        { name: "a block naming an unmanaged bucket by an id not known yet", resources: [data, block("later", unknown)] },
    ],
});
