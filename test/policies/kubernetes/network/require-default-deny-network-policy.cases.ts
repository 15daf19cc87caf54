import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { denyAll, namespace, networkPolicy } from "./network-fixtures";

const RULE = "require-default-deny-network-policy";
const payments = namespace("payments");

export default ruleCases(RULE, {
    compliant: [
        {
            name: "deny-all ingress written without policyTypes (Kubernetes defaults it to Ingress), and deny-all egress",
            resources: [payments, networkPolicy("deny-ingress", "payments", { podSelector: {} }), networkPolicy("deny-egress", "payments", { podSelector: {}, policyTypes: ["Egress"] })],
        },
        { name: "a namespace with deny-all for both directions", resources: [payments, denyAll("payments")] },
        {
            name: "deny-all split into two policies, plus allows for DNS and the API's peers",
            resources: [
                payments,
                networkPolicy("deny-ingress", "payments", { podSelector: {}, policyTypes: ["Ingress"] }),
                networkPolicy("deny-egress", "payments", { podSelector: {}, policyTypes: ["Egress"] }),
                networkPolicy("allow-dns", "payments", {
                    podSelector: {},
                    policyTypes: ["Egress"],
                    egress: [{ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] }],
                }),
                networkPolicy("allow-api", "payments", {
                    podSelector: { matchLabels: { app: "api" } },
                    policyTypes: ["Ingress"],
                    ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-ingress" } } }] }],
                }),
            ],
        },
        {
            name: "a deny-all written with an explicitly empty selector and empty rule lists",
            resources: [payments, networkPolicy("default-deny", "payments", { podSelector: { matchLabels: {}, matchExpressions: [] }, policyTypes: ["Ingress", "Egress"], ingress: [], egress: [] })],
        },
        { name: "several namespaces, each with its own deny-all", resources: [payments, namespace("billing"), denyAll("payments"), denyAll("billing")] },
        { name: "kube-system, exempt by default", resources: [namespace("kube-system")] },
        { name: "no namespace at all", resources: [resource("aws:s3/bucket:Bucket", "logs", {}), denyAll("payments")] },
        { name: "a namespace the team exempts", resources: [namespace("sandbox")], config: { [RULE]: { exemptNamespaces: ["kube-system", "sandbox"] } } },
    ],
    violating: [
        { name: "a namespace without policies", resources: [payments], message: /Namespace payments has no default-deny NetworkPolicy for Ingress and Egress\./ },
        {
            name: "ingress denied, egress open",
            resources: [payments, networkPolicy("deny-ingress", "payments", { podSelector: {}, policyTypes: ["Ingress"] })],
            message: /Namespace payments has no default-deny NetworkPolicy for Egress\./,
        },
        {
            name: "egress denied, ingress open",
            resources: [payments, networkPolicy("deny-egress", "payments", { podSelector: {}, policyTypes: ["Egress"] })],
            message: /Namespace payments has no default-deny NetworkPolicy for Ingress\./,
        },
        {
            name: "a deny-all that selects only some pods",
            resources: [payments, networkPolicy("deny-api", "payments", { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Ingress", "Egress"] })],
            message: /Namespace payments has no default-deny NetworkPolicy for Ingress and Egress\./,
        },
        {
            name: "a deny-all narrowed by a match expression",
            resources: [payments, networkPolicy("deny-tier", "payments", { podSelector: { matchExpressions: [{ key: "tier", operator: "In", values: ["web"] }] }, policyTypes: ["Ingress", "Egress"] })],
            message: /Namespace payments has no default-deny NetworkPolicy for Ingress and Egress\./,
        },
        { name: "the deny-all lives in another namespace", resources: [payments, namespace("billing"), denyAll("billing")], message: /Namespace payments has no default-deny NetworkPolicy for Ingress and Egress\./ },
        {
            name: "an 'allow everything' policy that looks like deny-all",
            resources: [payments, networkPolicy("open", "payments", { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{}], egress: [{}] })],
            message: /Namespace payments has no default-deny NetworkPolicy for Ingress and Egress\./,
        },
        {
            name: "kube-system once the team's exemptions replace the default list",
            resources: [namespace("kube-system")],
            config: { [RULE]: { exemptNamespaces: ["sandbox"] } },
            message: /Namespace kube-system has no default-deny NetworkPolicy/,
        },
    ],
    unknown: [
        { name: "a policy whose pod selector is not known yet", resources: [payments, networkPolicy("default-deny", "payments", { podSelector: unknown, policyTypes: ["Ingress", "Egress"] })] },
        { name: "a policy whose namespace is not known yet", resources: [payments, networkPolicy("default-deny", unknown, { podSelector: {}, policyTypes: ["Ingress", "Egress"] })] },
    ],
});
