/**
 * NetworkPolicies that undo a namespace's default deny. Policies add up: one rule admitting every source
 * opens the pods it selects to every pod of every namespace (and to the nodes and beyond), whatever
 * deny-all sits beside it. A rule without `from` admits every source, a peer `namespaceSelector: {}`
 * every pod of every namespace (the pod labels beside it are the other namespaces' own to set), an ipBlock
 * of 0.0.0.0/0 or ::/0 every address (NetworkPolicySpec, Kubernetes 1.35 OpenAPI). Egress to anywhere is
 * judged only on every port: reaching the API server or a cloud endpoint, which carry no pod labels, takes
 * `ports` without `to`, and the destination's own ingress rules still decide.
 */
import { qualifiedName, selectsEverything, withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule, type Props } from "../../lib/rule";
import { isAnywhere, list } from "../../lib/values";

/** What an unrestricted peer admits, or undefined for a peer that names its pods or addresses. */
function everyone(peer: Props): string | undefined {
    if (peer.ipBlock !== undefined) {
        return isAnywhere(peer.ipBlock.cidr) ? `ipBlock ${peer.ipBlock.cidr} (every address)` : undefined;
    }
    if (peer.namespaceSelector !== undefined) {
        return selectsEverything(peer.namespaceSelector) ? "namespaceSelector {} (pods of every namespace)" : undefined;
    }
    return peer.podSelector === undefined ? "an empty peer" : undefined;
}

export default defineResourceRule<{ exemptNamespaces: string[] }>({
    name: "restrict-network-policy-peers",
    description: "NetworkPolicies must not admit ingress from every source (no `from`, `namespaceSelector: {}` or a 0.0.0.0/0 ipBlock), nor egress to every destination on every port: either undoes the namespace's default deny.",
    severity: "high",
    controls: ["CIS K8s 5.3.2", "NIST SP 800-53 AC-4"],
    remediation: "Name the peers in `spec.ingress[].from` (a `namespaceSelector` on `kubernetes.io/metadata.name` of the namespaces that call, with a `podSelector`) and the destinations or `ports` in `spec.egress[]`; the ingress gateway's namespace, which admits clients from outside, is in the rule's exemptNamespaces.",
    config: {
        exemptNamespaces: {
            type: "array",
            items: { type: "string" },
            default: ["kube-system", "istio-system", "istio-ingress", "cosign-system"],
            description: "Namespaces whose policies may admit every source: the cluster's agents, istiod (the API server calls its webhooks and every sidecar its xDS port), the ingress gateway (its clients) and the image-verification controller (the API server calls its webhooks).",
        },
    },
    resourceTypes: withPatches(["kubernetes:networking.k8s.io/v1:NetworkPolicy"]),
    validate(props, { config }, report) {
        const spec = props.spec ?? {};
        const namespace = props.metadata?.namespace;
        if (typeof namespace === "string" && config.exemptNamespaces.includes(namespace)) {
            return;
        }
        // Without policyTypes, a policy applies to Ingress, and to Egress when it has egress rules.
        const types = spec.policyTypes === undefined ? ["Ingress", ...(spec.egress !== undefined ? ["Egress"] : [])] : list(spec.policyTypes).map(String);
        const policy = () => `NetworkPolicy ${qualifiedName(props)}`;
        if (types.includes("Ingress")) {
            list(spec.ingress).forEach((rule, index) => {
                const peers = list(rule.from);
                const open = peers.length === 0 ? "no `from` (every source)" : peers.map(everyone).find((found) => found !== undefined);
                if (open) {
                    report(`${policy()} ingress rule ${index} admits ${open}${list(rule.ports).length > 0 ? " on its ports" : " on every port"}, which undoes the namespace's default deny. Expected the namespaces and pods that call, by name.`);
                }
            });
        }
        if (types.includes("Egress")) {
            list(spec.egress).forEach((rule, index) => {
                if (list(rule.ports).length > 0) {
                    return;
                }
                const peers = list(rule.to);
                const open = peers.length === 0 ? "no `to` (every destination)" : peers.map(everyone).find((found) => found !== undefined);
                if (open) {
                    report(`${policy()} egress rule ${index} allows ${open} on every port, which undoes the namespace's default deny. Expected the destinations by name, or the ports they serve.`);
                }
            });
        }
    },
});
