import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const group = (name: string, props: Record<string, unknown>) =>
    resource("aws:cloudwatch/logGroup:LogGroup", name, { name: `/app/${name}`, retentionInDays: 365, ...props });

export default ruleCases("require-log-group-encryption", {
    compliant: [
        { name: "a customer-managed key", resources: [group("encrypted", { kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/0b5b8c5e-1111-2222-3333-444455556666" })] },
    ],
    violating: [
        { name: "no key", resources: [group("plain", {})], message: /kmsKeyId is not set/ },
        { name: "an empty key", resources: [group("empty", { kmsKeyId: "" })], message: /kmsKeyId is not set/ },
    ],
    unknown: [
        { name: "key not known yet", resources: [group("later", { kmsKeyId: unknown })] },
    ],
});
