import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as k8s from "@pulumi/kubernetes";
import { DNS_EGRESS } from "../../../infra/k8s/network-policies";
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
        new SecureNamespace("meshed", { name: "meshed", kubernetesVersion: "1.35", quota: QUOTA, meshNamespace: "mesh-system" }, { provider });
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
        const base = ["allow-dns", "allow-same-namespace-egress", "allow-same-namespace-ingress", "default-deny"];
        assert.deepEqual(names("apps"), [...base, "allow-istiod", "allow-web"].sort());
        assert.deepEqual(names("meshed"), [...base, "allow-istiod"].sort());
        assert.deepEqual(names("batch"), base);
        assert.deepEqual(names("istio-cni"), base);
        for (const ns of Object.keys(children)) {
            assert.ok(policies(ns).every((p) => p.metadata.namespace === ns), `${ns}'s policies stay in ${ns}`);
        }
    });

    it("sends DNS only to kube-dns in kube-system, on port 53", () => {
        for (const ns of Object.keys(children)) {
            assert.deepEqual(policy(ns, "allow-dns").spec, {
                podSelector: {},
                policyTypes: ["Egress"],
                egress: [{
                    to: [{ ...byNamespace("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                    ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
                }],
            });
        }
        assert.deepEqual(DNS_EGRESS.ports, [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }]);
    });

    it("lets meshed pods reach only istiod, on its xDS port", () => {
        assert.equal(ISTIOD_XDS_PORT, 15012);
        for (const [ns, meshNs] of [["apps", "istio-system"], ["meshed", "mesh-system"]]) {
            assert.deepEqual(policy(ns, "allow-istiod").spec, {
                podSelector: {},
                policyTypes: ["Egress"],
                egress: [{ to: [{ ...byNamespace(meshNs), podSelector: { matchLabels: { app: "istiod" } } }], ports: [{ protocol: "TCP", port: 15012 }] }],
            });
        }
    });

    it("admits and reaches its own namespace only through the API server's name label", () => {
        for (const ns of Object.keys(children)) {
            assert.deepEqual(policy(ns, "allow-same-namespace-ingress").spec, { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [byNamespace(ns)] }] });
            assert.deepEqual(policy(ns, "allow-same-namespace-egress").spec, { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [byNamespace(ns)] }] });
        }
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
                assert.equal(p.spec.policyTypes.length, rulesOf(p).length === 0 ? 2 : 1, `${ns}/${p.metadata.name} has one direction`);
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
        assert.equal(ofType(all, NETWORK_POLICY).length, 6 + 5 + 4 + 4);
    });
});
