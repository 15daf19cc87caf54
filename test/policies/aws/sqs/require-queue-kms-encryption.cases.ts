import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { defined } from "../defined";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/3e4f5a6b-7c8d-4e9f-0a1b-2c3d4e5f6a7b";
const queue = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:sqs/queue:Queue", name, defined({ name, kmsMasterKeyId: KEY, kmsDataKeyReusePeriodSeconds: 300, ...overrides }));
const optOut = { "require-queue-kms-encryption": { requireCustomerManagedKey: false } };

export default ruleCases("require-queue-kms-encryption", {
    compliant: [
        { name: "a queue encrypted with a customer-managed key", resources: [queue("orders")] },
        { name: "SQS-managed encryption where the team opts out", resources: [queue("orders", { kmsMasterKeyId: undefined, sqsManagedSseEnabled: true })], config: optOut },
        { name: "the AWS-managed key where the team opts out", resources: [queue("orders", { kmsMasterKeyId: "alias/aws/sqs" })], config: optOut },
    ],
    violating: [
        { name: "no kmsMasterKeyId (SQS-managed encryption by default)", resources: [queue("orders", { kmsMasterKeyId: undefined })], message: /The queue has no kmsMasterKeyId: messages are encrypted only with SQS-owned keys \(SSE-SQS\)/ },
        { name: "SQS-managed encryption asked for", resources: [queue("orders", { kmsMasterKeyId: undefined, sqsManagedSseEnabled: true })], message: /SQS-owned keys/ },
        { name: "the AWS-managed key", resources: [queue("orders", { kmsMasterKeyId: "alias/aws/sqs" })], message: /encrypted with the AWS-managed key alias\/aws\/sqs/ },
        { name: "encryption turned off", resources: [queue("orders", { kmsMasterKeyId: undefined, sqsManagedSseEnabled: false })], message: /sqsManagedSseEnabled is false and no kmsMasterKeyId is set: messages are stored unencrypted/ },
        { name: "encryption turned off even where the team opts out", resources: [queue("orders", { kmsMasterKeyId: undefined, sqsManagedSseEnabled: false })], config: optOut, message: /stored unencrypted/ },
    ],
    unknown: [
        { name: "a key created in the same stack, not known yet", resources: [queue("later", { kmsMasterKeyId: unknown })] },
    ],
});
