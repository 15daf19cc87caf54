import { resource, ruleCases } from "../../../harness/policy-cases";
import { k8s } from "../k8s-fixtures";

const namespace = (name: string) => resource("kubernetes:core/v1:Namespace", name, { apiVersion: "v1", kind: "Namespace", metadata: { name } });
const policy = (name: string, namespace: string, spec: Record<string, unknown>) => k8s("networking.k8s.io", "NetworkPolicy", name, namespace, { spec: spec as never });
const denyAll = (ns: string) => policy("default-deny", ns, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });

export default ruleCases("require-default-deny-network-policy", {
    compliant: [
        { name: "a namespace with deny-all for both directions", resources: [namespace("payments"), denyAll("payments")] },
        {
            name: "deny-all split into two policies, plus an allow",
            resources: [
                namespace("payments"),
                policy("deny-ingress", "payments", { podSelector: {}, policyTypes: ["Ingress"] }),
                policy("deny-egress", "payments", { podSelector: {}, policyTypes: ["Egress"] }),
                policy("allow-dns", "payments", { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ protocol: "UDP", port: 53 }] }] }),
            ],
        },
        { name: "kube-system, exempt by default", resources: [namespace("kube-system")] },
        { name: "no namespace at all", resources: [resource("aws:s3/bucket:Bucket", "logs", {})] },
        { name: "a namespace the team exempts", resources: [namespace("sandbox")], config: { "require-default-deny-network-policy": { exemptNamespaces: ["kube-system", "sandbox"] } } },
    ],
    violating: [
        { name: "a namespace without policies", resources: [namespace("payments")], message: /Namespace payments has no default-deny NetworkPolicy for Ingress and Egress\./ },
        { name: "ingress denied, egress open", resources: [namespace("payments"), policy("deny-ingress", "payments", { podSelector: {}, policyTypes: ["Ingress"] })], message: /Namespace payments has no default-deny NetworkPolicy for Egress\./ },
        {
            name: "a deny-all that selects only some pods",
            resources: [namespace("payments"), policy("deny-api", "payments", { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Ingress", "Egress"] })],
            message: /Namespace payments has no default-deny NetworkPolicy for Ingress and Egress\./,
        },
        { name: "the deny-all lives in another namespace", resources: [namespace("payments"), namespace("billing"), denyAll("billing")], message: /Namespace payments has no default-deny/ },
        {
            name: "an 'allow everything' policy that looks like deny-all",
            resources: [namespace("payments"), policy("open", "payments", { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{}], egress: [{}] })],
            message: /Namespace payments has no default-deny NetworkPolicy for Ingress and Egress\./,
        },
    ],
});
