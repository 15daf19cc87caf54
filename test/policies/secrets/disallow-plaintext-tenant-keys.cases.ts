import { resource, ruleCases, unknown } from "../../harness/policy-cases";

const KEY = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 53 + 5) % 256));
/** What AES key wrap of a 64-byte key stores: 72 bytes. */
const WRAPPED = Buffer.concat([KEY, Buffer.alloc(8, 1)]).toString("base64");
/** A KMS ciphertext blob is longer still. */
const KMS_BLOB = Buffer.alloc(200, 7).toString("base64");

const keySecret = (values: { stringData?: Record<string, unknown>; data?: Record<string, unknown> }, encryption: string | null = "aes256-wrap", labels: Record<string, string> = { "secure-platform.io/tenant-key": "acme" }) =>
    resource("kubernetes:core/v1:Secret", "tenant-acme-key", {
        metadata: { name: "tenant-key-acme", namespace: "platform", labels, ...(encryption === null ? {} : { annotations: { "secure-platform.io/key-encryption": encryption } }) },
        ...(values as Record<string, never>),
    });

export default ruleCases("disallow-plaintext-tenant-keys", {
    compliant: [
        { name: "versions wrapped under the root key", resources: [keySecret({ stringData: { current: "2", v1: WRAPPED, v2: WRAPPED } })] },
        { name: "KMS ciphertexts", resources: [keySecret({ stringData: { current: "1", v1: KMS_BLOB } }, "aws-kms")] },
        { name: "wrapped versions given as data", resources: [keySecret({ data: { v1: Buffer.from(WRAPPED).toString("base64") } })] },
        { name: "a 64-byte value in a Secret that is no tenant key", resources: [keySecret({ stringData: { token: KEY.toString("base64") } }, null, { app: "web" })] },
    ],
    violating: [
        { name: "a raw key as base64 in stringData", resources: [keySecret({ stringData: { current: "1", v1: KEY.toString("base64") } })], message: /Tenant key Secret platform\/tenant-key-acme \(tenant "acme"\) stores v1 as a raw 64-byte key; only ciphertext may be stored/ },
        { name: "a raw key as hex", resources: [keySecret({ stringData: { v1: WRAPPED, v2: KEY.toString("hex") } }, "aws-kms")], message: /stores v2 as a raw 64-byte key/ },
        { name: "raw key bytes in data", resources: [keySecret({ data: { v1: KEY.toString("base64") } })], message: /stores v1 as a raw 64-byte key/ },
        { name: "the key's base64 text in data", resources: [keySecret({ data: { v1: Buffer.from(KEY.toString("base64")).toString("base64") } })], message: /stores v1 as a raw 64-byte key/ },
        { name: "no word on how the versions are sealed", resources: [keySecret({ stringData: { v1: WRAPPED } }, null)], message: /has secure-platform.io\/key-encryption null; expected one of aws-kms, aes256-wrap/ },
        { name: "a sealing the team does not accept", resources: [keySecret({ stringData: { v1: WRAPPED } }, "none")], message: /key-encryption "none"; expected one of/ },
    ],
    unknown: [
        { name: "a ciphertext not known yet", resources: [keySecret({ stringData: { current: "1", v1: unknown } }, "aws-kms")] },
    ],
});
