import { defineStackRule } from "../../lib/rule";
import { ofType, referrers } from "../../lib/values";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/**
 * Each bucket's own block, judged on its own: a bucket-level block that leaves a setting off fails even
 * when its bucket is managed elsewhere. An account-level block (aws.s3.AccountPublicAccessBlock, judged by
 * require-account-public-access-block, FSBP S3.1) does not stand in for a bucket's: FSBP S3.8 is evaluated
 * per bucket, and the account's settings belong to whoever owns the account, can be turned off without a
 * change to this stack, and do not follow the bucket's program into another account.
 */
export default defineStackRule({
    name: "require-bucket-public-access-block",
    description: "Every S3 bucket must have its own Block Public Access configuration with all four settings on; an account-level block does not replace it.",
    severity: "high",
    controls: ["FSBP S3.8", "CIS AWS 2.1.4"],
    remediation: "Add an aws.s3.BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.",
    validate(resources, _context, report) {
        const blocks = ofType(resources, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        const blocksOf = referrers(blocks, "bucket");
        for (const block of blocks) {
            const off = FLAGS.filter((flag) => block.props[flag] !== true);
            if (off.length > 0) {
                report(block, `Public access block ${block.name} leaves ${off.join(", ")} off. Expected all four settings true.`);
            }
        }
        for (const bucket of [...ofType(resources, "aws:s3/bucket:Bucket"), ...ofType(resources, "aws:s3/bucketV2:BucketV2")]) {
            if (blocksOf(bucket).length === 0) {
                report(bucket, `Bucket ${bucket.name} has no public access block. Expected one of its own with all four settings on; an account-level block does not count.`);
            }
        }
    },
});
