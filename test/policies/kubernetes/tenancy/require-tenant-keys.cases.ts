import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const namespace = (tenant: string, labels: Record<string, string> = { "secure-platform.io/tenant": tenant }) =>
    resource("kubernetes:core/v1:Namespace", `tenant-${tenant}`, { metadata: { name: `tenant-${tenant}`, labels } });
const ciphertext = (name: string, context: unknown) =>
    resource("aws:kms/ciphertext:Ciphertext", name, { keyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", plaintext: "secret", ...(context === undefined ? {} : { context: context as Record<string, string> }) });
const keySecret = (tenant: string, sealedBy: ReturnType<typeof ciphertext>[] = [], labels: Record<string, string> = { "secure-platform.io/tenant-key": tenant }) =>
    resource("kubernetes:core/v1:Secret", `tenant-${tenant}-key`, {
        metadata: { name: `tenant-key-${tenant}`, namespace: "platform", labels, annotations: { "secure-platform.io/key-encryption": sealedBy.length > 0 ? "aws-kms" : "aes256-wrap" } },
        stringData: { current: String(Math.max(1, sealedBy.length)), ...Object.fromEntries(sealedBy.map((_, i) => [`v${i + 1}`, "AQICAHh-ciphertext"])) },
    }, sealedBy.length > 0 ? { from: { stringData: sealedBy } } : {});

const acmeV1 = ciphertext("acme-v1", { tenant: "acme", "key-version": "1" });
const acmeV2 = ciphertext("acme-v2", { tenant: "acme", "key-version": "2" });

export default ruleCases("require-tenant-keys", {
    compliant: [
        { name: "a tenant namespace with its key wrapped under the root key", resources: [namespace("acme"), keySecret("acme")] },
        { name: "a tenant whose two versions are KMS ciphertexts with the tenant in their context", resources: [namespace("acme"), acmeV1, acmeV2, keySecret("acme", [acmeV1, acmeV2])] },
        { name: "a namespace that belongs to no tenant", resources: [resource("kubernetes:core/v1:Namespace", "platform", { metadata: { name: "platform" } })] },
        {
            name: "labels the team names differently",
            resources: [namespace("acme", { "example.com/customer": "acme" }), keySecret("acme", [], { "example.com/customer-key": "acme" })],
            config: { "require-tenant-keys": { tenantLabel: "example.com/customer", keyLabel: "example.com/customer-key" } },
        },
    ],
    violating: [
        { name: "a tenant namespace without a key", resources: [namespace("acme")], message: /Namespace tenant-acme belongs to tenant "acme", but no Secret labelled secure-platform.io\/tenant-key=acme holds its key/ },
        { name: "the only key belongs to another tenant", resources: [namespace("acme"), namespace("globex"), keySecret("globex")], message: /Namespace tenant-acme belongs to tenant "acme"/ },
        { name: "a KMS ciphertext without encryption context", resources: [namespace("acme"), ciphertext("bare", undefined), keySecret("acme", [ciphertext("bare", undefined)])], message: /KMS ciphertext bare seals a key of tenant "acme" with encryption context \{\}; its `tenant` must be "acme"/ },
        { name: "a ciphertext sealed for another tenant", resources: [namespace("acme"), ciphertext("swapped", { tenant: "globex" }), keySecret("acme", [ciphertext("swapped", { tenant: "globex" })])], message: /its `tenant` must be "acme"/ },
    ],
    unknown: [
        { name: "an encryption context not known yet", resources: [namespace("acme"), ciphertext("later", unknown), keySecret("acme", [ciphertext("later", unknown)])] },
    ],
});
