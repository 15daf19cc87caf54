import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { defined } from "../defined";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/4f5a6b7c-8d9e-4f0a-1b2c-3d4e5f6a7b8c";
const topic = (name: string, overrides: Record<string, unknown> = {}) => resource("aws:sns/topic:Topic", name, defined({ name, kmsMasterKeyId: KEY, ...overrides }));

export default ruleCases("require-topic-kms-encryption", {
    compliant: [
        { name: "a topic encrypted with a customer-managed key", resources: [topic("alerts")] },
        { name: "the AWS-managed key where the team accepts it", resources: [topic("alerts", { kmsMasterKeyId: "alias/aws/sns" })], config: { "require-topic-kms-encryption": { requireCustomerManagedKey: false } } },
    ],
    violating: [
        { name: "no kmsMasterKeyId", resources: [topic("alerts", { kmsMasterKeyId: undefined })], message: /The topic has no kmsMasterKeyId: server-side encryption is off/ },
        { name: "an empty kmsMasterKeyId", resources: [topic("alerts", { kmsMasterKeyId: "" })], message: /no kmsMasterKeyId/ },
        { name: "the AWS-managed key", resources: [topic("alerts", { kmsMasterKeyId: "alias/aws/sns" })], message: /encrypted with the AWS-managed key alias\/aws\/sns, whose key policy cannot be changed/ },
    ],
    unknown: [
        { name: "a key created in the same stack, not known yet", resources: [topic("later", { kmsMasterKeyId: unknown })] },
    ],
});
