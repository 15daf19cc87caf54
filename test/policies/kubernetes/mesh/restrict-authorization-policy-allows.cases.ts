import { ruleCases, unknown } from "../../../harness/policy-cases";
import { istioObject } from "./istio-fixtures";

const RULE = "restrict-authorization-policy-allows";
const policy = (name: string, namespace: string, spec: unknown, options: { version?: string; patch?: boolean } = {}) => istioObject("AuthorizationPolicy", name, namespace, spec, options);
/** The platform's tenant policy (infra/k8s/mesh/istio-mesh.ts allowFromNamespaces). */
const fromGatewayAndTenant = { action: "ALLOW", rules: [{ from: [{ source: { namespaces: ["istio-ingress", "tenant-acme"] } }] }] };

export default ruleCases(RULE, {
    compliant: [
        { name: "the mesh-wide allow-nothing", resources: [policy("allow-nothing", "istio-system", {})] },
        { name: "the platform's tenant policy: the gateway and the tenant's own workloads", resources: [policy("allow-gateway-and-tenant", "tenant-acme", fromGatewayAndTenant)] },
        { name: "the gateway's client policy, which names its port, in the gateway's namespace", resources: [policy("allow-clients", "istio-ingress", { selector: { matchLabels: { istio: "ingress" } }, action: "ALLOW", rules: [{ to: [{ operation: { ports: ["8443"] } }] }] })] },
        { name: "one service account calling GET on a path, v1beta1", resources: [policy("reports", "tenant-acme", { action: "ALLOW", rules: [{ from: [{ source: { principals: ["cluster.local/ns/tenant-acme/sa/reports"] } }], to: [{ operation: { methods: ["GET"], paths: ["/reports/*"] } }] }] }, { version: "v1beta1" })] },
        { name: "any valid JWT, the documented way to require a token", resources: [policy("require-jwt", "tenant-acme", { action: "ALLOW", rules: [{ from: [{ source: { requestPrincipals: ["*"] } }] }] })] },
        { name: "callers named by a condition on their namespace", resources: [policy("by-condition", "tenant-acme", { rules: [{ to: [{ operation: { methods: ["GET"] } }], when: [{ key: "source.namespace", values: ["tenant-acme"] }] }] })] },
        { name: "a DENY with negative matching, Istio's recommended pattern", resources: [policy("deny-others", "tenant-acme", { action: "DENY", rules: [{ from: [{ source: { notNamespaces: ["tenant-acme"] } }] }] })] },
        { name: "an ALLOW with no rules, which matches nothing", resources: [policy("none", "tenant-acme", { action: "ALLOW", rules: [] })] },
    ],
    violating: [
        { name: "an empty rule", resources: [policy("allow-all", "tenant-acme", { action: "ALLOW", rules: [{}] })], message: /AuthorizationPolicy tenant-acme\/allow-all rule 0 is empty, so it allows every request to the workloads it selects\. Expected from\.source naming the callers\./ },
        { name: "an empty rule mesh-wide in the root namespace", resources: [policy("allow-all", "istio-system", { rules: [{}] })], message: /AuthorizationPolicy istio-system\/allow-all rule 0 is empty/ },
        { name: "a rule without from outside the gateway's namespace", resources: [policy("get-anything", "tenant-acme", { action: "ALLOW", rules: [{ to: [{ operation: { methods: ["GET"] } }] }] })], message: /rule 0 has no `from`, so it admits every source, which undoes the mesh's default deny/ },
        { name: "principals \"*\"", resources: [policy("any-peer", "tenant-acme", { action: "ALLOW", rules: [{ from: [{ source: { principals: ["*"] } }] }] })], message: /rule 0 admits principals "\*", every workload of the mesh/ },
        { name: "a whole trust domain", resources: [policy("trust-domain", "tenant-acme", { rules: [{ from: [{ source: { principals: ["cluster.local/*"] } }] }] })], message: /admits principals "cluster\.local\/\*", every workload of the mesh/ },
        { name: "namespaces \"*\"", resources: [policy("any-namespace", "tenant-acme", { action: "ALLOW", rules: [{ from: [{ source: { namespaces: ["*"] } }] }] }, { version: "v1beta1" })], message: /admits namespaces "\*", every workload of the mesh/ },
        { name: "every address", resources: [policy("any-ip", "tenant-acme", { rules: [{ from: [{ source: { ipBlocks: ["0.0.0.0/0"] } }] }] })], message: /admits ipBlocks 0\.0\.0\.0\/0, every address/ },
        { name: "a source of negations only", resources: [policy("not-globex", "tenant-acme", { rules: [{ from: [{ source: { notNamespaces: ["tenant-globex"] } }] }] })], message: /allows with negative matching \(from\.source\.notNamespaces\)/ },
        { name: "notPaths in an ALLOW", resources: [policy("not-admin", "tenant-acme", { rules: [{ from: [{ source: { namespaces: ["istio-ingress"] } }], to: [{ operation: { notPaths: ["/admin/*"] } }] }] })], message: /rule 0 allows with negative matching \(to\.operation\.notPaths\): a request the negation does not foresee is allowed/ },
        { name: "an empty rule in the gateway's namespace", resources: [policy("open-gateway", "istio-ingress", { rules: [{}] })], message: /AuthorizationPolicy istio-ingress\/open-gateway rule 0 is empty/ },
        { name: "an AuthorizationPolicyPatch adding an empty rule", resources: [policy("allow-gateway-and-tenant", "tenant-acme", { rules: [...fromGatewayAndTenant.rules, {}] }, { patch: true })], message: /AuthorizationPolicy tenant-acme\/allow-gateway-and-tenant rule 1 is empty/ },
    ],
    unknown: [
        { name: "a rule's sources not known yet", resources: [policy("later", "tenant-acme", { rules: [{ from: unknown }] })] },
    ],
});
