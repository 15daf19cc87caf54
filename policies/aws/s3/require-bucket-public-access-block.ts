import { defineStackRule } from "../../lib/rule";
import { ofType, referrers } from "../../lib/values";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export default defineStackRule({
    name: "require-bucket-public-access-block",
    description: "Every S3 bucket must have all four Block Public Access settings on.",
    severity: "high",
    controls: ["FSBP S3.8", "FSBP S3.1"],
    remediation: "Add an aws.s3.BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.",
    validate(resources, _context, report) {
        const blocks = ofType(resources, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        const blocksOf = referrers(blocks, "bucket");
        for (const block of blocks) {
            const off = FLAGS.filter((flag) => block.props[flag] !== true);
            if (off.length > 0) {
                report(block, `Public access block ${block.name} leaves ${off.join(", ")} off.`);
            }
        }
        for (const bucket of [...ofType(resources, "aws:s3/bucket:Bucket"), ...ofType(resources, "aws:s3/bucketV2:BucketV2")]) {
            if (blocksOf(bucket).length === 0) {
                report(bucket, `Bucket ${bucket.name} has no public access block.`);
            }
        }
    },
});
