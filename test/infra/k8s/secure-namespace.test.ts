import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as k8s from "@pulumi/kubernetes";
import { allowBaseline, DNS_EGRESS } from "../../../infra/k8s/network-policies";
import { podSecurityLabels, PRIVILEGED_NAMESPACES, RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../../../infra/k8s/pod-security";
import { ISTIOD_XDS_PORT, NamespaceQuota, SecureNamespace } from "../../../infra/k8s/secure-namespace";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../harness/resources";

const NAMESPACE = "kubernetes:core/v1:Namespace";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const QUOTA: NamespaceQuota = { cpu: "4", memory: "8Gi", pods: 40, storage: "20Gi" };

let all: readonly RecordedResource[];
let providerUrn: string;
/** Children of each SecureNamespace, by namespace name. */
const children: Record<string, RecordedResource[]> = {};

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        // Default: in the mesh. Extra labels try to weaken Pod Security; they must lose.
        new SecureNamespace("apps", {
            name: "apps",
            kubernetesVersion: "1.35",
            quota: QUOTA,
            labels: { team: "payments", "pod-security.kubernetes.io/enforce": "privileged", "pod-security.kubernetes.io/enforce-version": "latest" },
            allows: [{ name: "web", direction: "Ingress", podLabels: { app: "web" }, peers: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "edge" } } }], ports: [{ protocol: "TCP", port: 8080 }] }],
        }, { provider });
        // Out of the mesh, with service exposure allowed.
        new SecureNamespace("batch", {
            name: "batch",
            kubernetesVersion: "1.34",
            quota: { ...QUOTA, nodePorts: 2, loadBalancers: 1 },
            mesh: false,
        }, { provider });
        // The one namespace allowed to run privileged pods.
        new SecureNamespace("istio-cni", { name: "istio-cni", kubernetesVersion: "1.35", quota: QUOTA, mesh: false }, { provider });
        // istiod elsewhere.
        new SecureNamespace("meshed", { name: "meshed", kubernetesVersion: "1.35", quota: QUOTA, meshNamespace: "mesh-system", verifyImages: true }, { provider });
    });
    all = resources;
    providerUrn = named(resources, "cluster").urn;
    for (const ns of ["apps", "batch", "istio-cni", "meshed"]) {
        children[ns] = descendantsOf(resources, resources.find((r) => r.type === "secure-platform:k8s:SecureNamespace" && r.name === ns)!);
    }
});

const inputs = (r: RecordedResource) => plain(r.inputs);
const labelsOf = (ns: string) => inputs(ofType(children[ns], NAMESPACE)[0]).metadata.labels as Record<string, string>;
const policies = (ns: string) => ofType(children[ns], NETWORK_POLICY).map(inputs);
const policy = (ns: string, name: string) => {
    const found = policies(ns).find((p) => p.metadata.name === name);
    assert.ok(found, `${ns} has NetworkPolicy ${name}`);
    return found;
};
const rulesOf = (p: { spec: { ingress?: unknown[]; egress?: unknown[] } }) => [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])] as Array<{ from?: unknown[]; to?: unknown[]; ports?: unknown[] }>;
const byNamespace = (name: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } } });

describe("pod security labels", () => {
    it("pin enforce, audit and warn to one level and version", () => {
        assert.deepEqual(podSecurityLabels("restricted", "1.35"), {
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/enforce-version": "v1.35",
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/audit-version": "v1.35",
            "pod-security.kubernetes.io/warn": "restricted",
            "pod-security.kubernetes.io/warn-version": "v1.35",
        });
    });

    it("exempt only istio-cni, with a reason", () => {
        assert.deepEqual(Object.keys(PRIVILEGED_NAMESPACES), ["istio-cni"]);
        assert.ok(PRIVILEGED_NAMESPACES["istio-cni"].length > 20);
    });

    it("define restricted security contexts", () => {
        assert.equal(RESTRICTED_POD_SECURITY_CONTEXT.runAsNonRoot, true);
        assert.notEqual(RESTRICTED_POD_SECURITY_CONTEXT.runAsUser, 0);
        assert.equal(RESTRICTED_POD_SECURITY_CONTEXT.seccompProfile.type, "RuntimeDefault");
        assert.deepEqual(RESTRICTED_CONTAINER_SECURITY_CONTEXT, {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        });
    });
});

describe("SecureNamespace", () => {
    it("enforces, audits and warns on restricted, pinned to the cluster version, whatever the extra labels say", () => {
        assert.deepEqual(labelsOf("apps"), { team: "payments", ...podSecurityLabels("restricted", "1.35"), "istio-injection": "enabled" });
        assert.deepEqual(labelsOf("batch"), podSecurityLabels("restricted", "1.34"));
        assert.equal(inputs(ofType(children.apps, NAMESPACE)[0]).metadata.name, "apps");
    });

    it("makes only the listed namespaces privileged", () => {
        assert.deepEqual(labelsOf("istio-cni"), podSecurityLabels("privileged", "1.35"));
        for (const ns of ["apps", "batch", "meshed"]) {
            for (const mode of ["enforce", "audit", "warn"]) {
                assert.equal(labelsOf(ns)[`pod-security.kubernetes.io/${mode}`], "restricted", `${ns} ${mode}`);
            }
        }
    });

    it("opts into image verification only when asked", () => {
        assert.equal(labelsOf("meshed")["policy.sigstore.dev/include"], "true");
        for (const ns of ["apps", "batch", "istio-cni"]) {
            assert.equal(labelsOf(ns)["policy.sigstore.dev/include"], undefined, ns);
        }
    });

    it("labels for sidecar injection only when in the mesh", () => {
        assert.equal(labelsOf("apps")["istio-injection"], "enabled");
        assert.equal(labelsOf("meshed")["istio-injection"], "enabled");
        assert.equal(labelsOf("batch")["istio-injection"], undefined);
        assert.equal(labelsOf("istio-cni")["istio-injection"], undefined);
    });

    it("denies all ingress and egress with exactly one default policy", () => {
        for (const ns of Object.keys(children)) {
            const denyAll = policies(ns).filter((p) => p.spec.podSelector && Object.keys(p.spec.podSelector).length === 0 && rulesOf(p).length === 0);
            assert.equal(denyAll.length, 1, `${ns} has one deny-all policy`);
            assert.deepEqual(denyAll[0], {
                apiVersion: "networking.k8s.io/v1",
                kind: "NetworkPolicy",
                metadata: { name: "default-deny", namespace: ns },
                spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
            });
        }
    });

    it("opens exactly DNS, the namespace itself, istiod (in the mesh) and the given allows", () => {
        const names = (ns: string) => policies(ns).map((p) => p.metadata.name).sort();
        const base = ["allow-baseline", "default-deny"];
        assert.deepEqual(names("apps"), [...base, "allow-web"].sort());
        assert.deepEqual(names("meshed"), base);
        assert.deepEqual(names("batch"), base);
        assert.deepEqual(names("istio-cni"), base);
        for (const ns of Object.keys(children)) {
            assert.ok(policies(ns).every((p) => p.metadata.namespace === ns), `${ns}'s policies stay in ${ns}`);
        }
    });

    const DNS = {
        to: [{ ...byNamespace("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
        ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
    };
    const istiod = (meshNs: string) => ({ to: [{ ...byNamespace(meshNs), podSelector: { matchLabels: { app: "istiod" } } }], ports: [{ protocol: "TCP", port: 15012 }] });

    it("admits its own namespace and reaches DNS (only kube-dns in kube-system, port 53), its own namespace and, meshed, only istiod on its xDS port", () => {
        assert.deepEqual(DNS_EGRESS.ports, [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }]);
        assert.equal(ISTIOD_XDS_PORT, 15012);
        const meshOf: Record<string, string | undefined> = { apps: "istio-system", meshed: "mesh-system" };
        for (const ns of Object.keys(children)) {
            assert.deepEqual(policy(ns, "allow-baseline").spec, {
                podSelector: {},
                policyTypes: ["Ingress", "Egress"],
                // Only through the API server's name label.
                ingress: [{ from: [byNamespace(ns)] }],
                egress: [DNS, { to: [byNamespace(ns)] }, ...(meshOf[ns] ? [istiod(meshOf[ns]!)] : [])],
            }, ns);
        }
    });

    it("refuses a pod-scoped rule in the baseline, which would open it to every pod", () => {
        assert.throws(() => allowBaseline("apps", [{ name: "web", direction: "Ingress", podLabels: { app: "web" } }], {}), /allowBaseline\(apps\): baseline rules apply to every pod/);
    });

    it("applies extra allows to the given pods, peers and ports only", () => {
        assert.deepEqual(policy("apps", "allow-web").spec, {
            podSelector: { matchLabels: { app: "web" } },
            policyTypes: ["Ingress"],
            ingress: [{ from: [byNamespace("edge")], ports: [{ protocol: "TCP", port: 8080 }] }],
        });
    });

    it("has no allow that opens everything", () => {
        for (const ns of Object.keys(children)) {
            for (const p of policies(ns)) {
                // Only default-deny lists a direction without rules (which denies it); an allow has rules for each.
                if (rulesOf(p).length === 0) {
                    assert.deepEqual(p.spec.policyTypes, ["Ingress", "Egress"], `${ns}/${p.metadata.name} denies both directions`);
                } else {
                    assert.deepEqual(p.spec.policyTypes, [...(p.spec.ingress ? ["Ingress"] : []), ...(p.spec.egress ? ["Egress"] : [])], `${ns}/${p.metadata.name} lists exactly the directions it has rules for`);
                }
                for (const rule of rulesOf(p)) {
                    const peers = rule.from ?? rule.to;
                    assert.ok(peers === undefined || peers.length > 0, `${ns}/${p.metadata.name} has an empty peer list`);
                    assert.ok(peers !== undefined || (rule.ports ?? []).length > 0, `${ns}/${p.metadata.name} opens every peer and port`);
                    for (const peer of (peers ?? []) as Array<Record<string, unknown>>) {
                        assert.equal(peer.ipBlock, undefined, `${ns}/${p.metadata.name} uses an ipBlock`);
                        assert.deepEqual(Object.keys((peer.namespaceSelector as { matchLabels: object }).matchLabels), ["kubernetes.io/metadata.name"], `${ns}/${p.metadata.name} selects namespaces by a label tenants can set`);
                    }
                }
            }
        }
    });

    it("sets the quota and forbids NodePort and LoadBalancer services unless granted", () => {
        const hard = (ns: string) => inputs(ofType(children[ns], "kubernetes:core/v1:ResourceQuota")[0]).spec.hard;
        assert.deepEqual(hard("apps"), {
            "requests.cpu": "4",
            "limits.cpu": "4",
            "requests.memory": "8Gi",
            "limits.memory": "8Gi",
            "requests.storage": "20Gi",
            pods: "40",
            "services.loadbalancers": "0",
            "services.nodeports": "0",
        });
        assert.equal(hard("batch")["services.nodeports"], "2");
        assert.equal(hard("batch")["services.loadbalancers"], "1");
        for (const ns of Object.keys(children)) {
            assert.equal(ofType(children[ns], "kubernetes:core/v1:ResourceQuota").length, 1);
            assert.equal(inputs(ofType(children[ns], "kubernetes:core/v1:ResourceQuota")[0]).metadata.namespace, ns);
        }
    });

    it("bounds containers with a LimitRange no larger than the quota", () => {
        for (const ns of Object.keys(children)) {
            const ranges = ofType(children[ns], "kubernetes:core/v1:LimitRange").map(inputs);
            assert.equal(ranges.length, 1, ns);
            assert.equal(ranges[0].metadata.namespace, ns);
            const [limit] = ranges[0].spec.limits;
            assert.equal(limit.type, "Container");
            assert.deepEqual(limit.max, { cpu: QUOTA.cpu, memory: QUOTA.memory });
            assert.ok(limit.default.cpu && limit.default.memory && limit.defaultRequest.cpu && limit.defaultRequest.memory);
        }
    });

    it("stops the default service account mounting an API token", () => {
        for (const ns of Object.keys(children)) {
            const patches = ofType(children[ns], "kubernetes:core/v1:ServiceAccountPatch").map(inputs);
            assert.deepEqual(patches, [{ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: ns }, automountServiceAccountToken: false }]);
        }
    });

    it("creates everything after the namespace, through the given provider", () => {
        for (const ns of Object.keys(children)) {
            const [namespace] = ofType(children[ns], NAMESPACE);
            for (const r of children[ns].filter((c) => c.custom)) {
                assert.ok(r.provider?.startsWith(`${providerUrn}::`), `${r.urn} uses the cluster provider`);
                if (r !== namespace) {
                    assert.ok(r.dependencies.includes(namespace.urn), `${r.urn} waits for the namespace`);
                }
            }
        }
    });

    it("lets several namespaces live in one stack", () => {
        const urns = all.map((r) => r.urn);
        assert.equal(new Set(urns).size, urns.length);
        assert.equal(ofType(all, NAMESPACE).length, 4);
        // default-deny and allow-baseline in each, plus apps' allow-web.
        assert.equal(ofType(all, NETWORK_POLICY).length, 3 + 2 + 2 + 2);
    });
});
