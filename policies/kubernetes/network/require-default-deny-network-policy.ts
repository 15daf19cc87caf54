import { defineStackRule } from "../../lib/rule";
import type { PolicyResource } from "../../lib/policy-api";
import { list, ofType } from "../../lib/values";

/** A NetworkPolicy that selects every pod and allows nothing in the directions it lists. */
function deniedDirections(policy: PolicyResource): string[] {
    const spec = policy.props.spec ?? {};
    const selectsAll = Object.keys(spec.podSelector?.matchLabels ?? {}).length === 0 && list(spec.podSelector?.matchExpressions).length === 0;
    if (!selectsAll) {
        return [];
    }
    // Without policyTypes, Kubernetes applies a policy to Ingress, and to Egress when it has egress rules.
    const types = spec.policyTypes === undefined
        ? ["Ingress", ...(spec.egress !== undefined ? ["Egress"] : [])]
        : list(spec.policyTypes).map(String);
    return types.filter((t) => (t === "Ingress" ? list(spec.ingress).length === 0 : list(spec.egress).length === 0));
}

export default defineStackRule<{ exemptNamespaces: string[] }>({
    name: "require-default-deny-network-policy",
    description: "Every namespace must have a NetworkPolicy that denies all ingress and egress not allowed by another policy.",
    severity: "high",
    controls: ["CIS K8s 5.3.2"],
    remediation: "Add a NetworkPolicy in the namespace with `podSelector: {}`, `policyTypes: [\"Ingress\", \"Egress\"]` and no rules, then allow what each workload needs (DNS, the mesh control plane, its peers).",
    config: {
        exemptNamespaces: {
            type: "array",
            items: { type: "string" },
            default: ["kube-system"],
            description: "Namespaces not required to have a default-deny policy.",
        },
    },
    validate(resources, { config }, report) {
        // The directions denied in each namespace, read once per policy (a stack has one namespace per tenant).
        const deniedIn = new Map<unknown, Set<string>>();
        for (const policy of ofType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy")) {
            const namespace = policy.props.metadata?.namespace;
            const denied = deniedIn.get(namespace) ?? new Set<string>();
            deniedDirections(policy).forEach((direction) => denied.add(direction));
            deniedIn.set(namespace, denied);
        }
        for (const namespace of ofType(resources, "kubernetes:core/v1:Namespace")) {
            const name = namespace.props.metadata?.name;
            if (typeof name !== "string" || config.exemptNamespaces.includes(name)) {
                continue;
            }
            const denied = deniedIn.get(name) ?? new Set<string>();
            const missing = ["Ingress", "Egress"].filter((direction) => !denied.has(direction));
            if (missing.length > 0) {
                report(namespace, `Namespace ${name} has no default-deny NetworkPolicy for ${missing.join(" and ")}.`);
            }
        }
    },
});
