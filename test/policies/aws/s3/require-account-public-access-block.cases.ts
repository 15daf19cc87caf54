import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const ALL_ON = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const account = (flags: Record<string, unknown>) => resource("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "account", { accountId: "111122223333", ...flags });

export default ruleCases("require-account-public-access-block", {
    compliant: [
        { name: "all four settings on", resources: [account(ALL_ON)] },
        { name: "no account-level block in the stack", resources: [resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "data", { bucket: "acme-data", ...ALL_ON })] },
    ],
    violating: [
        { name: "blockPublicAcls off", resources: [account({ ...ALL_ON, blockPublicAcls: false })], message: /leaves blockPublicAcls off/ },
        { name: "blockPublicPolicy off", resources: [account({ ...ALL_ON, blockPublicPolicy: false })], message: /leaves blockPublicPolicy off/ },
        { name: "ignorePublicAcls not set", resources: [account({ blockPublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true })], message: /leaves ignorePublicAcls off \(each defaults to false\)/ },
        { name: "restrictPublicBuckets off", resources: [account({ ...ALL_ON, restrictPublicBuckets: false })], message: /leaves restrictPublicBuckets off.*expected all four true/ },
    ],
    unknown: [
        { name: "a setting not known yet", resources: [account({ ...ALL_ON, blockPublicPolicy: unknown })] },
    ],
});
