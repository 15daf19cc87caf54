import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { denyAll, networkPolicy } from "./network-fixtures";

const RULE = "restrict-internet-egress";
const NS = "tenant-acme";
const named = (namespace: string, podLabels?: Record<string, string>) => ({
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } },
    ...(podLabels ? { podSelector: { matchLabels: podLabels } } : {}),
});
const https = [{ protocol: "TCP", port: 443 }];
/** What the platform sets for the egress gateway's pods (infra/k8s/mesh/egress-gateway.ts). */
const NON_INTERNET = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"];
const egress = (name: string, namespace: string, rules: unknown[], podSelector: unknown = {}) =>
    networkPolicy(name, namespace, { podSelector, policyTypes: ["Egress"], egress: rules });
const patch = (name: string, namespace: string, spec: unknown) =>
    resource("kubernetes:networking.k8s.io/v1:NetworkPolicyPatch", `${namespace}-${name}-patch`, { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec });

export default ruleCases(RULE, {
    compliant: [
        {
            name: "a tenant's policies as the platform renders them: DNS, istiod, its own namespace and the egress gateway",
            resources: [
                denyAll(NS),
                egress("allow-dns", NS, [{ to: [named("kube-system", { "k8s-app": "kube-dns" })], ports: [{ protocol: "UDP", port: 53 }] }]),
                egress("allow-istiod", NS, [{ to: [named("istio-system", { app: "istiod" })], ports: [{ protocol: "TCP", port: 15012 }] }]),
                egress("allow-same-namespace-egress", NS, [{ to: [named(NS)] }]),
                egress("allow-egress-gateway", NS, [{ to: [named("istio-egress", { istio: "egressgateway" })], ports: [{ protocol: "TCP", port: 8443 }] }]),
            ],
        },
        { name: "the egress gateway's own internet egress, in its exempt namespace", resources: [egress("allow-internet", "istio-egress", [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: NON_INTERNET } }], ports: https }], { matchLabels: { istio: "egressgateway" } })] },
        { name: "a controller's pods reaching the API server on its ports (no `to`: it has no pod labels)", resources: [egress("allow-kube-api", "data", [{ ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 6443 }] }], { matchLabels: { "app.kubernetes.io/name": "psmdb-operator" } })] },
        { name: "egress to a private range: the VPC, an on-prem database network", resources: [egress("allow-db", NS, [{ to: [{ ipBlock: { cidr: "10.30.64.0/20" } }], ports: [{ protocol: "TCP", port: 5432 }] }])] },
        { name: "the EKS Pod Identity agent, link-local on the node", resources: [egress("allow-pod-identity", "data", [{ to: [{ ipBlock: { cidr: "169.254.170.23/32" } }], ports: [{ protocol: "TCP", port: 80 }] }])] },
        { name: "shared address space (RFC 6598) and an IPv6 unique local range", resources: [egress("allow-pods", NS, [{ to: [{ ipBlock: { cidr: "100.64.0.0/16" } }, { ipBlock: { cidr: "fd00:10::/64" } }] }])] },
        { name: "a policy of type Ingress only, whatever its egress rules", resources: [networkPolicy("ingress-only", NS, { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [named(NS)] }], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] })] },
        { name: "a patch scoped to labelled pods reaching the API server", resources: [patch("allow-kube-api", NS, { podSelector: { matchLabels: { app: "operator" } }, policyTypes: ["Egress"], egress: [{ ports: https }] })] },
        {
            name: "a namespace added to the exempt ones may leave directly",
            resources: [egress("allow-https", "proxy", [{ ports: https }])],
            config: { [RULE]: { exemptNamespaces: ["kube-system", "istio-egress", "proxy"] } },
        },
    ],
    violating: [
        { name: "every pod of a tenant reaching anything on 443 (ports, no `to`)", resources: [egress("allow-https", NS, [{ ports: https }])], message: /NetworkPolicy tenant-acme\/allow-https egress rule 0 allows every destination on 443\/TCP \(no `to`\) to every pod of the namespace: its workloads reach the internet directly, past the egress gateway/ },
        { name: "a policy without policyTypes whose egress rules have ports and no `to`", resources: [networkPolicy("implicit", "platform", { podSelector: {}, egress: [{ ports: https }] })], message: /NetworkPolicy platform\/implicit egress rule 0 allows every destination on 443\/TCP/ },
        { name: "0.0.0.0/0 on 443 for a labelled app", resources: [egress("allow-internet", NS, [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: https }], { matchLabels: { app: "storefront" } })], message: /egress rule 0 allows ipBlock 0\.0\.0\.0\/0, public addresses, on 443\/TCP: the pods reach the internet directly, past the egress gateway/ },
        { name: "0.0.0.0/0 except the private ranges: still the internet", resources: [egress("allow-internet", "platform", [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: NON_INTERNET } }], ports: https }])], message: /allows ipBlock 0\.0\.0\.0\/0 \(except 10\.0\.0\.0\/8, .*\), public addresses/ },
        { name: "::/0 on every port", resources: [egress("allow-v6", NS, [{ to: [{ ipBlock: { cidr: "::/0" } }] }])], message: /allows ipBlock ::\/0, public addresses, on every port/ },
        { name: "one public address", resources: [egress("allow-partner", NS, [{ to: [named(NS), { ipBlock: { cidr: "203.0.113.10/32" } }], ports: https }])], message: /allows ipBlock 203\.0\.113\.10\/32, public addresses/ },
        { name: "a range that starts private and spills into public space", resources: [egress("allow-wide", NS, [{ to: [{ ipBlock: { cidr: "10.0.0.0/7" } }], ports: https }])], message: /allows ipBlock 10\.0\.0\.0\/7, public addresses/ },
        { name: "the egress gateway's namespace once the team's exemptions replace the default", resources: [egress("allow-internet", "istio-egress", [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: NON_INTERNET } }], ports: https }])], config: { [RULE]: { exemptNamespaces: [] } }, message: /NetworkPolicy istio-egress\/allow-internet egress rule 0 allows ipBlock 0\.0\.0\.0\/0/ },
        { name: "a patch opening the internet to every pod", resources: [patch("allow-gateway", NS, { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: https }] })], message: /NetworkPolicy tenant-acme\/allow-gateway egress rule 0 allows ipBlock 0\.0\.0\.0\/0/ },
    ],
    unknown: [
        { name: "an ipBlock's range not known yet", resources: [egress("later", NS, [{ to: [{ ipBlock: { cidr: unknown } }], ports: https }])] },
    ],
});
