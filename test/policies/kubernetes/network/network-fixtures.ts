/** Namespaces, NetworkPolicies and Services as a program declares them, for the network rules' corpora. */
import { resource, type CaseResource } from "../../../harness/policy-cases";

export function namespace(name: unknown, logicalName = typeof name === "string" ? name : "later"): CaseResource {
    return resource("kubernetes:core/v1:Namespace", logicalName, {
        apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "istio.io/rev": "default" } },
    });
}

export function networkPolicy(name: string, namespace: unknown, spec: unknown): CaseResource {
    return resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", `${typeof namespace === "string" ? namespace : "later"}-${name}`, {
        apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec,
    });
}

/** Deny-all for both directions: every pod selected, both policy types, no rules. */
export const denyAll = (namespaceName: string) => networkPolicy("default-deny", namespaceName, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });

/**
 * A Service of `type` (left out when undefined, i.e. ClusterIP) in `namespace` (left out when
 * undefined, i.e. the provider's default namespace); `spec` adds or replaces fields (`undefined` removes one).
 */
export function service(name: string, namespace: unknown, type: unknown, spec: Record<string, unknown> = {}): CaseResource {
    return resource("kubernetes:core/v1:Service", `${typeof namespace === "string" ? namespace : "default"}-${name}`, {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, ...(namespace === undefined ? {} : { namespace }), labels: { "app.kubernetes.io/name": name } },
        spec: Object.fromEntries(Object.entries({
            type,
            selector: { "app.kubernetes.io/name": name },
            ports: [{ name: "https", port: 443, targetPort: 8443, protocol: "TCP" }],
            ...spec,
        }).filter(([, value]) => value !== undefined)),
    });
}
