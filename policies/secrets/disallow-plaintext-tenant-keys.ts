/**
 * A tenant key stored in plaintext, judged from the stored values alone: a Secret labelled as a tenant's key may not
 * hold a value of the key's length (64 bytes: raw in `data`, or base64 or hex text), which no sealed version has
 * (AES key wrap adds 8 bytes, a KMS ciphertext blob more), and must name how it is sealed. A key sealed with a
 * broken or absent key cannot be told from ciphertext without the plaintext; the KMS context is judged by
 * `require-tenant-keys`. Secrets Manager secrets carry no label saying they hold a tenant key, so they are not judged.
 */
import { qualifiedName } from "../lib/kubernetes-kinds";
import { defineResourceRule, Props } from "../lib/rule";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Whether `text` is a raw key of `bytes` bytes written as base64 or hex, the ways a program writes one. */
function isRawKeyText(text: string, bytes: number): boolean {
    const trimmed = text.trim();
    if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(trimmed)) {
        return true;
    }
    return BASE64.test(trimmed) && trimmed.length % 4 === 0 && Buffer.from(trimmed, "base64").length === bytes;
}

/** The entries of a Secret whose stored value is a raw key: `stringData` as written, `data` once decoded. */
function rawKeyEntries(props: Props, bytes: number): string[] {
    const found: string[] = [];
    for (const [entry, value] of Object.entries((props.stringData ?? {}) as Props)) {
        if (typeof value === "string" && isRawKeyText(value, bytes)) {
            found.push(entry);
        }
    }
    for (const [entry, value] of Object.entries((props.data ?? {}) as Props)) {
        if (typeof value === "string" && BASE64.test(value)) {
            const stored = Buffer.from(value, "base64");
            if (stored.length === bytes || isRawKeyText(stored.toString("latin1"), bytes)) {
                found.push(entry);
            }
        }
    }
    return found;
}

export default defineResourceRule<{ keyLabel: string; encryptionAnnotation: string; encryptions: string[]; keyBytes: number }>({
    name: "disallow-plaintext-tenant-keys",
    description: "A tenant key Secret must hold only sealed key versions (KMS ciphertext or AES key wrap), never a raw key, and must say how they are sealed.",
    severity: "critical",
    controls: ["NIST SP 800-53 SC-28", "NIST SP 800-53 SC-12"],
    remediation: "Store each version's ciphertext, not the key: seal it with aws.kms.Ciphertext (the tenant in `context`) or wrap it under the root key (infra/secrets/tenant-keys.ts `rootKeySealer`), and set the encryption annotation to how it was sealed.",
    config: {
        keyLabel: { type: "string", default: "secure-platform.io/tenant-key", description: "Label that marks a Secret as a tenant's key; its value names the tenant." },
        encryptionAnnotation: { type: "string", default: "secure-platform.io/key-encryption", description: "Annotation naming how the Secret's versions are sealed." },
        encryptions: { type: "array", items: { type: "string" }, default: ["aws-kms", "aes256-wrap"], description: "Sealings accepted in the encryption annotation." },
        keyBytes: { type: "integer", default: 64, minimum: 16, description: "Length of a tenant key in bytes: a stored value of this length (raw, base64 or hex) is the key itself." },
    },
    resourceTypes: ["kubernetes:core/v1:Secret"],
    validate(props, { config }, report) {
        const tenant = props.metadata?.labels?.[config.keyLabel];
        if (typeof tenant !== "string") {
            return;
        }
        const encryption = props.metadata?.annotations?.[config.encryptionAnnotation];
        if (!config.encryptions.includes(encryption)) {
            report(`Tenant key Secret ${qualifiedName(props)} (tenant ${JSON.stringify(tenant)}) has ${config.encryptionAnnotation} ${JSON.stringify(encryption ?? null)}; expected one of ${config.encryptions.join(", ")}.`);
        }
        const raw = rawKeyEntries(props, config.keyBytes);
        if (raw.length > 0) {
            report(`Tenant key Secret ${qualifiedName(props)} (tenant ${JSON.stringify(tenant)}) stores ${raw.join(", ")} as a raw ${config.keyBytes}-byte key; only ciphertext may be stored.`);
        }
    },
});
