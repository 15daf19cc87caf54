/**
 * NetworkPolicy building blocks. Every namespace starts from deny-all (ingress and egress) and opens
 * only what it needs. Peers are selected by the `kubernetes.io/metadata.name` label the API server sets
 * on every namespace, so a tenant cannot make its namespace look like another by labelling it.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

type Rule = k8s.types.input.networking.v1.NetworkPolicyIngressRule & k8s.types.input.networking.v1.NetworkPolicyEgressRule;
export type Peer = k8s.types.input.networking.v1.NetworkPolicyPeer;
export type Port = k8s.types.input.networking.v1.NetworkPolicyPort;

const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** Every pod of namespace `name` (optionally only those matching `podLabels`). */
export function inNamespace(name: string, podLabels?: Record<string, string>): Peer {
    return {
        namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: name } },
        ...(podLabels ? { podSelector: { matchLabels: podLabels } } : {}),
    };
}

export function tcp(...ports: number[]): Port[] {
    return ports.map((port) => ({ protocol: "TCP", port }));
}

export interface AllowRule {
    /** Becomes the policy's name suffix: `allow-<name>`. */
    readonly name: string;
    readonly direction: "Ingress" | "Egress";
    /** Pods of this namespace the rule applies to; all when omitted. */
    readonly podLabels?: Record<string, string>;
    /** Peers; any source/destination when omitted (the ports still restrict). */
    readonly peers?: Peer[];
    readonly ports?: Port[];
}

/** The rules every namespace of the platform gets besides deny-all. */
export const DNS_EGRESS: AllowRule = {
    name: "dns",
    direction: "Egress",
    peers: [inNamespace("kube-system", { "k8s-app": "kube-dns" })],
    ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
};

export function sameNamespace(namespace: string): AllowRule[] {
    return [
        { name: "same-namespace-ingress", direction: "Ingress", peers: [inNamespace(namespace)] },
        { name: "same-namespace-egress", direction: "Egress", peers: [inNamespace(namespace)] },
    ];
}

/** Logical names are prefixed with the namespace: Pulumi URNs do not include the parent's name. */
export function defaultDeny(namespace: string, opts: pulumi.CustomResourceOptions): k8s.networking.v1.NetworkPolicy {
    return new k8s.networking.v1.NetworkPolicy(`${namespace}-default-deny`, {
        metadata: { name: "default-deny", namespace },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    }, opts);
}

function peerRule(rule: AllowRule): Rule {
    return {
        ...(rule.peers ? (rule.direction === "Ingress" ? { from: rule.peers } : { to: rule.peers }) : {}),
        ...(rule.ports ? { ports: rule.ports } : {}),
    };
}

/**
 * What every namespace of the platform allows besides its own rules (DNS, its own namespace both ways, istiod when
 * meshed), as one policy `allow-baseline`: a NetworkPolicy's rules add up, so one policy with these rules admits
 * exactly what one policy per rule would, with a third of the objects (each tenant namespace has one).
 */
export function allowBaseline(namespace: string, rules: readonly AllowRule[], opts: pulumi.CustomResourceOptions): k8s.networking.v1.NetworkPolicy {
    if (rules.some((rule) => rule.podLabels)) {
        throw new Error(`allowBaseline(${namespace}): baseline rules apply to every pod of the namespace; give pod-scoped rules to allow()`);
    }
    const ingress = rules.filter((rule) => rule.direction === "Ingress").map(peerRule);
    const egress = rules.filter((rule) => rule.direction === "Egress").map(peerRule);
    return new k8s.networking.v1.NetworkPolicy(`${namespace}-allow-baseline`, {
        metadata: { name: "allow-baseline", namespace },
        spec: {
            podSelector: {},
            policyTypes: [...(ingress.length > 0 ? ["Ingress"] : []), ...(egress.length > 0 ? ["Egress"] : [])],
            ...(ingress.length > 0 ? { ingress } : {}),
            ...(egress.length > 0 ? { egress } : {}),
        },
    }, opts);
}

export function allow(namespace: string, rule: AllowRule, opts: pulumi.CustomResourceOptions): k8s.networking.v1.NetworkPolicy {
    return new k8s.networking.v1.NetworkPolicy(`${namespace}-allow-${rule.name}`, {
        metadata: { name: `allow-${rule.name}`, namespace },
        spec: {
            podSelector: rule.podLabels ? { matchLabels: rule.podLabels } : {},
            policyTypes: [rule.direction],
            ...(rule.direction === "Ingress" ? { ingress: [peerRule(rule)] } : { egress: [peerRule(rule)] }),
        },
    }, opts);
}
