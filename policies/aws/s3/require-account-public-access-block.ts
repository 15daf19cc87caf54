import { defineResourceRule } from "../../lib/rule";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/**
 * The account-wide Block Public Access settings, where a stack declares them. A stack that declares none
 * passes: the account's settings may be owned elsewhere (an organization baseline), and each bucket must
 * block public access on its own anyway (require-bucket-public-access-block, FSBP S3.8).
 */
export default defineResourceRule({
    name: "require-account-public-access-block",
    description: "An account-level S3 Block Public Access configuration must turn all four settings on.",
    severity: "high",
    controls: ["FSBP S3.1", "CIS AWS 2.1.4"],
    remediation: "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true on the aws.s3.AccountPublicAccessBlock.",
    resourceTypes: ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"],
    validate(props, _context, report) {
        const off = FLAGS.filter((flag) => props[flag] !== true);
        if (off.length > 0) {
            report(`The account's public access block leaves ${off.join(", ")} off (each defaults to false): a bucket in the account whose own block is missing or weaker can be made public; expected all four true.`);
        }
    },
});
