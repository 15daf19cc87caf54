/**
 * Each tenant has its own key, judged without its plaintext: a tenant namespace (its tenant label) needs a Secret
 * labelled as that tenant's key, and every KMS ciphertext such a Secret's values come from (the engine's record of
 * the values' sources, as the CLI's stack analysis gives it) must name the tenant in its encryption context, which
 * KMS binds to the ciphertext. Whether the values are ciphertext at all is `disallow-plaintext-tenant-keys`.
 */
import type { PolicyResource } from "../../lib/policy-api";
import { defineStackRule } from "../../lib/rule";
import { ofType } from "../../lib/values";

const CIPHERTEXT = "aws:kms/ciphertext:Ciphertext";

/** The KMS ciphertexts a Secret's values come from: the engine's record of its `stringData` and `data`, else its dependencies. */
function ciphertextsOf(secret: PolicyResource): PolicyResource[] {
    const fromValues = [...(secret.propertyDependencies.stringData ?? []), ...(secret.propertyDependencies.data ?? [])];
    return [...new Set(fromValues.length > 0 ? fromValues : secret.dependencies)].filter((r) => r.type === CIPHERTEXT);
}

export default defineStackRule<{ tenantLabel: string; keyLabel: string; contextKey: string }>({
    name: "require-tenant-keys",
    description: "Every tenant namespace must have its own tenant key in the stack, and a key sealed with KMS must carry its tenant in the encryption context, so one tenant's ciphertext never opens as another's.",
    severity: "high",
    controls: ["NIST SP 800-53 SC-12", "NIST SP 800-53 SC-28"],
    remediation: "Give the tenant a key: a kubernetes.core.v1.Secret labelled with the key label and the tenant's name, holding only sealed versions (infra/secrets/tenant-keys.ts `createTenantKey`); seal each version with aws.kms.Ciphertext whose `context` sets the context key to the tenant's name.",
    config: {
        tenantLabel: { type: "string", default: "secure-platform.io/tenant", description: "Label whose value names the tenant a namespace belongs to." },
        keyLabel: { type: "string", default: "secure-platform.io/tenant-key", description: "Label whose value names the tenant a key Secret belongs to." },
        contextKey: { type: "string", default: "tenant", description: "Encryption context key that must name the tenant on every KMS ciphertext of its key." },
    },
    validate(resources, { config }, report) {
        const keysOf = new Map<string, PolicyResource[]>();
        for (const secret of ofType(resources, "kubernetes:core/v1:Secret")) {
            const tenant = secret.props.metadata?.labels?.[config.keyLabel];
            if (typeof tenant === "string") {
                keysOf.set(tenant, [...(keysOf.get(tenant) ?? []), secret]);
            }
        }
        for (const namespace of ofType(resources, "kubernetes:core/v1:Namespace")) {
            const tenant = namespace.props.metadata?.labels?.[config.tenantLabel];
            if (typeof tenant === "string" && !keysOf.has(tenant)) {
                report(namespace, `Namespace ${namespace.props.metadata?.name} belongs to tenant ${JSON.stringify(tenant)}, but no Secret labelled ${config.keyLabel}=${tenant} holds its key.`);
            }
        }
        for (const [tenant, secrets] of keysOf) {
            for (const ciphertext of secrets.flatMap(ciphertextsOf)) {
                const context = ciphertext.props.context;
                const named = typeof context === "object" && context !== null ? context[config.contextKey] : undefined;
                if (named !== tenant) {
                    report(ciphertext, `KMS ciphertext ${ciphertext.name} seals a key of tenant ${JSON.stringify(tenant)} with encryption context ${JSON.stringify(context ?? {})}; its \`${config.contextKey}\` must be ${JSON.stringify(tenant)}.`);
                }
            }
        }
    },
});
