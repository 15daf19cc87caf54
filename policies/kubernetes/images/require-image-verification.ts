import { hasClusterImagePolicy, OPT_IN_LABEL } from "../../lib/image-policy-globs";
import type { PolicyResource } from "../../lib/policy-api";
import { defineStackRule } from "../../lib/rule";
import { list, ofType } from "../../lib/values";

const NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * The namespace names a ValidatingAdmissionPolicyBinding selects, or "all" when its selector selects every
 * namespace; undefined when it selects by anything else (labels a namespace can be given or lose).
 */
function selectedNamespaces(binding: PolicyResource): readonly string[] | "all" | undefined {
    const selector = binding.props.spec?.matchResources?.namespaceSelector;
    const expressions = list(selector?.matchExpressions);
    const labels = selector?.matchLabels ?? {};
    if (expressions.length === 0 && Object.keys(labels).length === 0) {
        return "all";
    }
    const names = expressions.filter((e) => e.key === NAME_LABEL && e.operator === "In").flatMap((e) => list(e.values) as unknown[]).map(String);
    const byLabel = typeof labels[NAME_LABEL] === "string" ? [labels[NAME_LABEL] as string] : [];
    return names.length > 0 || byLabel.length > 0 ? [...names, ...byLabel] : undefined;
}

/** Whether a binding enforces (or at least reports) its policy: Deny, or Warn/Audit for a stack that only warns. */
function acts(binding: PolicyResource): boolean {
    return list(binding.props.spec?.validationActions as unknown).length > 0;
}

export default defineStackRule<{ platformNamespaces: string[]; tenantLabel: string }>({
    name: "require-image-verification",
    description: "Every platform and tenant namespace must be covered by image verification: labelled policy.sigstore.dev/include: \"true\" (the Sigstore policy-controller webhook judges its pods against the stack's ClusterImagePolicies) and selected by name by a ValidatingAdmissionPolicyBinding (the digest policy, which holds even when the label is removed).",
    severity: "high",
    controls: ["CIS K8s 5.5.1", "NIST SP 800-53 SI-7"],
    remediation: "Create the namespace with SecureNamespace's `verifyImages: true` (infra/k8s/secure-namespace.ts) and add it to ImageVerification's `namespaces` (infra/k8s/kubernetes-platform.ts), which installs the controller, its ClusterImagePolicies and the digest policy's binding.",
    config: {
        platformNamespaces: {
            type: "array",
            items: { type: "string" },
            default: ["platform", "data"],
            description: "The platform's own namespaces that must be verified (tenant namespaces are found by their label).",
        },
        tenantLabel: { type: "string", default: "secure-platform.io/tenant", description: "The label every tenant namespace carries." },
    },
    validate(resources, { config }, report) {
        const inScope = ofType(resources, "kubernetes:core/v1:Namespace").filter((namespace) => {
            const name = namespace.props.metadata?.name;
            return (typeof name === "string" && config.platformNamespaces.includes(name)) || namespace.props.metadata?.labels?.[config.tenantLabel] !== undefined;
        });
        if (inScope.length === 0) {
            return;
        }
        const policies = hasClusterImagePolicy(resources);
        const bound = ofType(resources, "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding").filter(acts).map(selectedNamespaces);
        for (const namespace of inScope) {
            const name = String(namespace.props.metadata?.name);
            const missing: string[] = [];
            if (namespace.props.metadata?.labels?.[OPT_IN_LABEL] !== "true") {
                missing.push(`the label ${OPT_IN_LABEL}: "true" (without it the signature webhook never sees its pods)`);
            }
            if (!policies) {
                missing.push("a ClusterImagePolicy in the stack (the controller then has nothing to verify against)");
            }
            if (!bound.some((names) => names === "all" || (names !== undefined && names.includes(name)))) {
                missing.push("a ValidatingAdmissionPolicyBinding that selects it by name (the digest policy that refuses tag-only images)");
            }
            if (missing.length > 0) {
                report(namespace, `Namespace ${name} is not covered by image verification: it lacks ${missing.join("; ")}. Expected every platform and tenant namespace opted in and bound.`);
            }
        }
    },
});
