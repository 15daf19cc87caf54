import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { GATEWAY_NAMESPACE } from "../../../infra/k8s/mesh/istio-mesh";
import { podSecurityLabels } from "../../../infra/k8s/pod-security";
import { Tenant, tenantNamespace, tenantRoleRules } from "../../../infra/k8s/tenant";
import { rootKeySealer, TENANT_KEY_LABEL, tenantKeySecretName } from "../../../infra/secrets/tenant-keys";
import { DEFAULT_TENANT_QUOTA, TenantSettings } from "../../../infra/settings/tenants";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../harness/resources";

const ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role";
const ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const AUTHORIZATION_POLICY = "kubernetes:security.istio.io/v1:AuthorizationPolicy";

const ACME: TenantSettings = { name: "acme", group: "acme-engineering", readSecrets: false, quota: { cpu: "2", memory: "4Gi", pods: 20, storage: "30Gi" }, hosts: ["acme.example.com"], keyGeneration: 1 };
const GLOBEX: TenantSettings = { name: "globex", group: "tenant-globex-developers", readSecrets: true, quota: DEFAULT_TENANT_QUOTA, hosts: [], keyGeneration: 3 };

let all: readonly RecordedResource[];
let meshPolicyUrn: string;
let providerUrn: string;
const tenants: Record<string, RecordedResource[]> = {};

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        const meshPolicy = new k8s.apiextensions.CustomResource("mesh-strict-mtls", {
            apiVersion: "security.istio.io/v1",
            kind: "PeerAuthentication",
            metadata: { name: "default", namespace: "istio-system" },
            spec: { mtls: { mode: "STRICT" } },
        }, { provider });
        const platformNamespace = new k8s.core.v1.Namespace("platform", { metadata: { name: "platform" } }, { provider });
        const sealer = rootKeySealer(pulumi.secret(Buffer.alloc(64, 7).toString("base64")));
        for (const tenant of [ACME, GLOBEX]) {
            new Tenant(`tenant-${tenant.name}`, {
                tenant, kubernetesVersion: "1.35", meshReady: [meshPolicy],
                keyStore: { namespace: "platform", sealer, dependsOn: [platformNamespace], protect: tenant === GLOBEX },
            }, { provider });
        }
    });
    all = resources;
    meshPolicyUrn = named(resources, "mesh-strict-mtls").urn;
    providerUrn = named(resources, "cluster").urn;
    for (const name of ["acme", "globex"]) {
        tenants[name] = descendantsOf(resources, resources.find((r) => r.type === "secure-platform:k8s:Tenant" && r.name === `tenant-${name}`)!);
    }
});

const inputs = (r: RecordedResource) => plain(r.inputs);
const only = (tenant: string, type: string) => {
    const found = ofType(tenants[tenant], type);
    assert.equal(found.length, 1, `${tenant} has one ${type}`);
    return found[0];
};
type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
const roleRules = (tenant: string) => inputs(only(tenant, ROLE)).rules as Rule[];
const verbsOn = (rules: Rule[], apiGroup: string, resource: string) =>
    new Set(rules.filter((r) => r.apiGroups.includes(apiGroup) && r.resources.includes(resource)).flatMap((r) => r.verbs));

/** Every namespace a NetworkPolicy peer selects, by direction. */
function peerNamespaces(tenant: string, direction: "ingress" | "egress"): Set<string> {
    const found = new Set<string>();
    for (const p of ofType(tenants[tenant], NETWORK_POLICY).map(inputs)) {
        for (const rule of p.spec[direction] ?? []) {
            const peers = rule.from ?? rule.to;
            assert.ok(peers && peers.length > 0, `${p.metadata.name} of ${tenant} allows every peer`);
            for (const peer of peers) {
                const name = peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"];
                assert.ok(name, `${p.metadata.name} of ${tenant} selects a peer by something other than its namespace name`);
                found.add(name);
            }
        }
    }
    return found;
}

describe("tenantRoleRules", () => {
    for (const readSecrets of [false, true]) {
        it(`has no wildcards or privilege escalation (readSecrets ${readSecrets})`, () => {
            const rules = tenantRoleRules(readSecrets) as Rule[];
            for (const rule of rules) {
                for (const field of ["apiGroups", "resources", "verbs"] as const) {
                    assert.ok(rule[field].length > 0, `a rule has no ${field}`);
                    assert.ok(!rule[field].some((v) => v.includes("*")), `${field} ${rule[field]} has a wildcard`);
                }
                assert.ok(!rule.verbs.some((v) => ["escalate", "bind", "impersonate", "approve", "sign"].includes(v)), `verbs ${rule.verbs}`);
                assert.equal((rule as { resourceNames?: unknown }).resourceNames, undefined);
            }
            const groups = new Set(rules.flatMap((r) => r.apiGroups));
            for (const forbidden of ["rbac.authorization.k8s.io", "networking.k8s.io", "security.istio.io", "admissionregistration.k8s.io", "apiextensions.k8s.io", "certificates.k8s.io"]) {
                assert.ok(!groups.has(forbidden), `the role reaches ${forbidden}`);
            }
            const resources = rules.flatMap((r) => r.resources);
            for (const forbidden of ["pods/exec", "pods/attach", "pods/portforward", "pods/proxy", "pods/ephemeralcontainers", "services/proxy", "nodes", "namespaces", "serviceaccounts/token", "networkpolicies", "roles", "rolebindings", "peerauthentications", "authorizationpolicies"]) {
                assert.ok(!resources.includes(forbidden), `the role grants ${forbidden}`);
            }
            // The only subresource is the logs.
            assert.deepEqual(resources.filter((r) => r.includes("/")), ["pods/log"]);
            for (const quotaLike of ["resourcequotas", "limitranges"]) {
                assert.deepEqual([...verbsOn(rules, "", quotaLike)].sort(), ["get", "list", "watch"], `${quotaLike} is read-only`);
            }
        });
    }

    it("lets only a tenant with readSecrets read Secrets back", () => {
        const withoutRead = verbsOn(tenantRoleRules(false) as Rule[], "", "secrets");
        // update and patch return the whole Secret, so they read it too.
        for (const verb of ["get", "list", "watch", "update", "patch"]) {
            assert.ok(!withoutRead.has(verb), `secrets ${verb} without readSecrets`);
        }
        const withRead = verbsOn(tenantRoleRules(true) as Rule[], "", "secrets");
        for (const verb of ["get", "list", "watch", "create", "delete"]) {
            assert.ok(withRead.has(verb), `secrets ${verb} with readSecrets`);
        }
    });

    it("differs between the two settings only in the Secrets rule", () => {
        const strip = (rules: Rule[]) => rules.filter((r) => !r.resources.includes("secrets"));
        assert.deepEqual(strip(tenantRoleRules(false) as Rule[]), strip(tenantRoleRules(true) as Rule[]));
    });
});

describe("Tenant", () => {
    it("gets its own restricted, meshed namespace labelled with the tenant, opted into image verification", () => {
        for (const [name, version] of [["acme", "v1.35"], ["globex", "v1.35"]]) {
            const ns = inputs(only(name, "kubernetes:core/v1:Namespace"));
            assert.equal(ns.metadata.name, tenantNamespace(name));
            assert.equal(ns.metadata.name, `tenant-${name}`);
            assert.deepEqual(ns.metadata.labels, { "secure-platform.io/tenant": name, ...podSecurityLabels("restricted", "1.35"), "istio-injection": "enabled", "policy.sigstore.dev/include": "true" });
            assert.equal(ns.metadata.labels["pod-security.kubernetes.io/enforce-version"], version);
        }
    });

    it("quotas the namespace as configured, with no NodePorts or load balancers", () => {
        const hard = inputs(only("acme", "kubernetes:core/v1:ResourceQuota")).spec.hard;
        assert.deepEqual(hard, {
            "requests.cpu": "2", "limits.cpu": "2", "requests.memory": "4Gi", "limits.memory": "4Gi", "requests.storage": "30Gi",
            pods: "20", "services.loadbalancers": "0", "services.nodeports": "0",
        });
        assert.equal(inputs(only("globex", "kubernetes:core/v1:ResourceQuota")).spec.hard.pods, String(DEFAULT_TENANT_QUOTA.pods));
    });

    it("grants its Role in its namespace only, with Secrets readable only when configured", () => {
        for (const tenant of [ACME, GLOBEX]) {
            const role = inputs(only(tenant.name, ROLE));
            assert.deepEqual(role.metadata, { name: "tenant-developers", namespace: `tenant-${tenant.name}` });
            assert.deepEqual(role.rules, tenantRoleRules(tenant.readSecrets));
        }
        assert.ok(!verbsOn(roleRules("acme"), "", "secrets").has("get"));
        assert.ok(!verbsOn(roleRules("acme"), "", "secrets").has("list"));
        assert.ok(verbsOn(roleRules("globex"), "", "secrets").has("get"));
        assert.equal(ofType(all, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").length, 0);
        assert.equal(ofType(all, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").length, 0);
    });

    it("binds the tenant's group, and only it, to that Role", () => {
        for (const tenant of [ACME, GLOBEX]) {
            const binding = only(tenant.name, ROLE_BINDING);
            assert.deepEqual(inputs(binding).metadata, { name: "tenant-developers", namespace: `tenant-${tenant.name}` });
            assert.deepEqual(inputs(binding).roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: inputs(only(tenant.name, ROLE)).metadata.name });
            assert.deepEqual(inputs(binding).subjects, [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: tenant.group }]);
            assert.ok(binding.dependencies.includes(only(tenant.name, ROLE).urn), "the binding waits for its Role");
        }
    });

    it("admits in the mesh only the ingress gateway and the tenant's own workloads", () => {
        for (const name of ["acme", "globex"]) {
            const policy = only(name, AUTHORIZATION_POLICY);
            assert.deepEqual(inputs(policy).metadata, { name: "allow-gateway-and-tenant", namespace: `tenant-${name}` });
            assert.deepEqual(inputs(policy).spec, { action: "ALLOW", rules: [{ from: [{ source: { namespaces: [GATEWAY_NAMESPACE, `tenant-${name}`] } }] }] });
            assert.equal(GATEWAY_NAMESPACE, "istio-ingress");
            assert.ok(policy.dependencies.includes(meshPolicyUrn), "the tenant's policy waits for the mesh-wide policies");
        }
    });

    it("admits network traffic from the gateway and itself, and reaches only itself, DNS and istiod", () => {
        for (const name of ["acme", "globex"]) {
            assert.deepEqual([...peerNamespaces(name, "ingress")].sort(), [GATEWAY_NAMESPACE, `tenant-${name}`].sort());
            assert.deepEqual([...peerNamespaces(name, "egress")].sort(), ["istio-system", "kube-system", `tenant-${name}`].sort());
        }
        const gateway = inputs(tenants.acme.find((r) => r.name === "tenant-acme-allow-gateway")!);
        assert.deepEqual(gateway.spec, { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-ingress" } } }] }] });
    });

    it("never names another tenant", () => {
        for (const [self, other] of [["acme", "globex"], ["globex", "acme"]]) {
            const text = JSON.stringify(tenants[self].map(inputs));
            assert.ok(!text.includes(other), `${self}'s objects mention ${other}`);
        }
    });

    it("keeps its default deny and creates everything through the given provider", () => {
        for (const name of ["acme", "globex"]) {
            const deny = ofType(tenants[name], NETWORK_POLICY).map(inputs).filter((p) => p.metadata.name === "default-deny");
            assert.deepEqual(deny.map((p) => [p.metadata.namespace, p.spec]), [[`tenant-${name}`, { podSelector: {}, policyTypes: ["Ingress", "Egress"] }]]);
            for (const r of tenants[name].filter((c) => c.custom && c.type.startsWith("kubernetes:"))) {
                assert.ok(r.provider?.startsWith(`${providerUrn}::`), `${r.urn} uses the cluster provider`);
            }
        }
    });

    it("has its own key, every version kept sealed in the platform's namespace, after that namespace", () => {
        for (const tenant of [ACME, GLOBEX]) {
            const secret = only(tenant.name, "kubernetes:core/v1:Secret");
            const { metadata, stringData } = inputs(secret);
            assert.deepEqual([metadata.name, metadata.namespace, metadata.labels], [tenantKeySecretName(tenant.name), "platform", { [TENANT_KEY_LABEL]: tenant.name }]);
            assert.deepEqual(Object.keys(stringData).sort(), ["current", ...Array.from({ length: tenant.keyGeneration }, (_, i) => `v${i + 1}`)].sort());
            assert.equal(stringData.current, String(tenant.keyGeneration));
            assert.equal(ofType(tenants[tenant.name], "random:index/randomBytes:RandomBytes").length, tenant.keyGeneration);
            assert.ok(secret.dependencies.includes(named(all, "platform").urn), "the key waits for the platform namespace");
            assert.equal(secret.protect, tenant === GLOBEX);
        }
    });

    it("lets several tenants live in one stack", () => {
        const urns = all.map((r) => r.urn);
        assert.equal(new Set(urns).size, urns.length);
        assert.equal(ofType(all, ROLE).length, 2);
    });
});
