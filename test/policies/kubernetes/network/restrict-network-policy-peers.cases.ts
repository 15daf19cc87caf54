import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { denyAll, networkPolicy } from "./network-fixtures";

const RULE = "restrict-network-policy-peers";
const NS = "tenant-acme";
const named = (namespace: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } });

/** The platform's tenant policies (infra/k8s/network-policies.ts as rendered for tenant-acme). */
const TENANT_POLICIES = [
    denyAll(NS),
    networkPolicy("allow-same-namespace-ingress", NS, { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [named(NS)] }] }),
    networkPolicy("allow-gateway", NS, { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [named("istio-ingress")] }] }),
    networkPolicy("allow-dns", NS, { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ...named("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ port: 53, protocol: "UDP" }] }] }),
    networkPolicy("allow-istiod", NS, { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ...named("istio-system"), podSelector: { matchLabels: { app: "istiod" } } }], ports: [{ port: 15012, protocol: "TCP" }] }] }),
];

const patch = (name: string, namespace: string, spec: unknown) =>
    resource("kubernetes:networking.k8s.io/v1:NetworkPolicyPatch", `${namespace}-${name}-patch`, { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec });

export default ruleCases(RULE, {
    compliant: [
        { name: "the platform's tenant policies", resources: TENANT_POLICIES },
        { name: "egress to the API server's port anywhere (it has no pod labels)", resources: [networkPolicy("allow-kube-api", NS, { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: 443, protocol: "TCP" }] }] })] },
        { name: "egress to one CIDR, and to every namespace on one port", resources: [networkPolicy("allow-db", NS, { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "10.30.64.0/20" } }] }, { to: [{ namespaceSelector: {} }], ports: [{ port: 8080 }] }] })] },
        { name: "ingress rules that a policy of type Egress does not apply", resources: [networkPolicy("egress-only", NS, { podSelector: {}, policyTypes: ["Egress"], ingress: [{}], egress: [{ to: [named(NS)] }] })] },
        { name: "the ingress gateway admitting every client, exempt by default", resources: [networkPolicy("allow-clients", "istio-ingress", { podSelector: { matchLabels: { istio: "ingress" } }, policyTypes: ["Ingress"], ingress: [{ ports: [{ port: 8443 }] }] })] },
        { name: "istiod's webhook port, exempt by default", resources: [networkPolicy("allow-webhooks", "istio-system", { podSelector: { matchLabels: { app: "istiod" } }, policyTypes: ["Ingress"], ingress: [{ ports: [{ port: 15017 }] }] })] },
    ],
    violating: [
        { name: "an allow-all ingress beside the tenant's default deny", resources: [...TENANT_POLICIES, networkPolicy("open", NS, { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] })], message: /NetworkPolicy tenant-acme\/open ingress rule 0 admits no `from` \(every source\) on every port, which undoes the namespace's default deny/ },
        { name: "an ingress rule without from, on one port", resources: [networkPolicy("metrics", NS, { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ ports: [{ port: 9090 }] }] })], message: /NetworkPolicy tenant-acme\/metrics ingress rule 0 admits no `from` \(every source\) on its ports/ },
        { name: "ingress from every namespace", resources: [networkPolicy("from-all", NS, { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] })], message: /admits namespaceSelector \{\} \(pods of every namespace\)/ },
        { name: "ingress from every namespace's pods with a label anyone can set", resources: [networkPolicy("from-frontends", NS, { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: {} }, podSelector: { matchLabels: { role: "frontend" } } }] }] })], message: /admits namespaceSelector \{\} \(pods of every namespace\)/ },
        { name: "ingress from 0.0.0.0/0", resources: [networkPolicy("internet", NS, { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }] }] })], message: /admits ipBlock 0\.0\.0\.0\/0 \(every address\)/ },
        { name: "ingress from ::/0", resources: [networkPolicy("internet6", NS, { podSelector: {}, ingress: [{ from: [named(NS), { ipBlock: { cidr: "::/0" } }] }] })], message: /admits ipBlock ::\/0 \(every address\)/ },
        { name: "an allow-all egress", resources: [networkPolicy("egress-open", NS, { podSelector: {}, policyTypes: ["Egress"], egress: [{}] })], message: /NetworkPolicy tenant-acme\/egress-open egress rule 0 allows no `to` \(every destination\) on every port/ },
        { name: "egress to the whole internet on every port", resources: [networkPolicy("egress-internet", NS, { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] })], message: /egress rule 0 allows ipBlock 0\.0\.0\.0\/0 \(every address\) on every port/ },
        { name: "an allow-all ingress added by a NetworkPolicyPatch", resources: [patch("allow-gateway", NS, { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] })], message: /NetworkPolicy tenant-acme\/allow-gateway ingress rule 0 admits no `from`/ },
        { name: "the gateway namespace once the team's exemptions replace the default", resources: [networkPolicy("allow-clients", "istio-ingress", { podSelector: {}, ingress: [{ ports: [{ port: 8443 }] }] })], config: { [RULE]: { exemptNamespaces: [] } }, message: /NetworkPolicy istio-ingress\/allow-clients ingress rule 0 admits no `from`/ },
    ],
    unknown: [
        { name: "a rule's peers not known yet", resources: [networkPolicy("later", NS, { podSelector: {}, ingress: [{ from: unknown }] })] },
    ],
});
