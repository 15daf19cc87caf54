import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    CNI_RESOURCES, GATEWAY_CIPHER_SUITES, GATEWAY_RESOURCES, gatewayClients, gatewayMaxReplicas, gatewayServerHosts, gatewayValues, IstioMesh, istiodMaxReplicas, ISTIOD_RESOURCES, istiodValues, meshQuotas, PROXY_RESOURCES,
} from "../../../../infra/k8s/mesh/istio-mesh";
import { validateContainerResources } from "../../../../infra/k8s/resources";
import { milliValue } from "../../../../infra/lib/quantity";
import { podSecurityLabels } from "../../../../infra/k8s/pod-security";
import { GATEWAY_PORTS } from "../../../../infra/lib/ports";
import { ISTIO } from "../../../../infra/versions";
import { RecordedResource, renderComponents } from "../../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../../harness/resources";
import { isSecretValue } from "../../../../engine/wire";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const PEER_AUTHENTICATION = "kubernetes:security.istio.io/v1:PeerAuthentication";
const AUTHORIZATION_POLICY = "kubernetes:security.istio.io/v1:AuthorizationPolicy";
const REPOSITORY = "https://charts.example.internal/istio";
/** The load balancer's subnets: the only sources the gateway admits. */
const SOURCES = ["10.10.0.0/24", "10.10.1.0/24"];
const GATEWAY = { type: "NodePort", nodeSelector: { pool: "app" }, sourceRanges: SOURCES } as const;
const ROUTES = [{ namespace: "platform", hosts: ["app.example.com"] }, { namespace: "tenant-acme", hosts: ["acme.app.example.com", "*.acme.example"] }];

let all: readonly RecordedResource[];
let mesh: RecordedResource[];
let providerUrn: string;
let ready: string[];

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        const component = new IstioMesh("mesh", {
            kubernetesVersion: "1.35",
            sources: { chartRepository: REPOSITORY },
            replicas: 3,
            gateway: GATEWAY,
            gatewayTls: { certPem: "-----BEGIN CERTIFICATE-----", privateKeyPem: pulumi.secret("-----BEGIN PRIVATE KEY-----") },
            routes: ROUTES,
            maxNodes: 12,
        }, { provider });
        ready = component.ready.map((r) => (r as unknown as { __name: string }).__name);
    });
    all = resources;
    mesh = descendantsOf(resources, named(resources, "mesh"));
    providerUrn = named(resources, "cluster").urn;
});

const inputs = (r: RecordedResource) => plain(r.inputs);
const release = (name: string) => mesh.find((r) => r.type === RELEASE && r.name === name)!;
const customResource = (type: string, name: string) => {
    const found = ofType(mesh, type).filter((r) => r.name === name);
    assert.equal(found.length, 1, `one ${type} ${name}`);
    return found[0];
};
const policiesIn = (ns: string) => ofType(mesh, NETWORK_POLICY).map(inputs).filter((p) => p.metadata.namespace === ns);
const namespaceLabels = (ns: string) => inputs(mesh.find((r) => r.type === "kubernetes:core/v1:Namespace" && r.name === ns)!).metadata.labels;

describe("IstioMesh charts", () => {
    it("installs base, cni, istiod and the gateway, pinned, from the given repository, atomically", () => {
        const releases = ofType(mesh, RELEASE).map(inputs);
        assert.deepEqual(releases.map((r) => [r.name, r.chart, r.namespace]).sort(), [
            ["istio-base", "base", "istio-system"],
            ["istio-cni", "cni", "istio-cni"],
            ["istio-ingress", "gateway", "istio-ingress"],
            ["istiod", "istiod", "istio-system"],
        ]);
        for (const r of releases) {
            assert.equal(r.version, ISTIO.version, `${r.name} is pinned`);
            assert.match(r.version, /^\d+\.\d+\.\d+$/);
            assert.deepEqual(r.repositoryOpts, { repo: REPOSITORY }, `${r.name} comes from the mirror`);
            assert.equal(r.atomic, true, `${r.name} rolls back on failure`);
            assert.equal(r.cleanupOnFail, true);
            assert.ok(r.timeout > 0);
        }
    });

    it("installs in dependency order: base, then cni, then istiod, then the gateway after the mesh-wide policies", () => {
        const deps = (name: string) => release(name).dependencies;
        assert.ok(deps("istio-cni").includes(release("istio-base").urn));
        assert.ok(deps("istiod").includes(release("istio-base").urn));
        assert.ok(deps("istiod").includes(release("istio-cni").urn));
        assert.ok(deps("istio-ingress").includes(release("istiod").urn));
        assert.ok(deps("istio-ingress").includes(customResource(PEER_AUTHENTICATION, "mesh-strict-mtls").urn));
        assert.ok(deps("istio-ingress").includes(customResource(AUTHORIZATION_POLICY, "mesh-allow-nothing").urn));
        for (const [name, ns] of [["istio-base", "istio-system"], ["istio-cni", "istio-cni"], ["istiod", "istio-system"], ["istio-ingress", "istio-ingress"]]) {
            const namespace = mesh.find((r) => r.type === "kubernetes:core/v1:Namespace" && r.name === ns)!;
            assert.ok(deps(name).includes(namespace.urn), `${name} waits for namespace ${ns}`);
        }
    });

    it("exposes istiod and the mesh-wide policies as what workloads wait for", () => {
        assert.deepEqual(ready, ["istiod", "mesh-strict-mtls", "mesh-allow-nothing"]);
    });

    it("configures istiod for CNI, TLS 1.3 mesh mTLS, registry-only egress and normalised paths", () => {
        const values = inputs(release("istiod")).values;
        assert.deepEqual(inputs(release("istiod")).values, istiodValues({ replicas: 3 }));
        assert.equal(values.pilot.cni.enabled, true);
        assert.deepEqual(values.pilot.seccompProfile, { type: "RuntimeDefault" });
        assert.equal(values.pilot.autoscaleMin, 3);
        assert.equal(values.pilot.autoscaleMax, 6);
        assert.equal("replicaCount" in values.pilot, false, "the autoscaler sets the replicas; the chart ignores replicaCount with it");
        assert.equal(values.global.proxy.privileged, false);
        assert.equal(values.meshConfig.meshMTLS.minProtocolVersion, "TLSV1_3");
        assert.equal(values.meshConfig.outboundTrafficPolicy.mode, "REGISTRY_ONLY");
        assert.ok(["MERGE_SLASHES", "DECODE_AND_MERGE_SLASHES"].includes(values.meshConfig.pathNormalization.normalization));
        assert.equal(values.meshConfig.rootNamespace, "istio-system");
        // Routing rules stay in their namespace: a tenant cannot reroute another's traffic.
        assert.deepEqual(values.meshConfig.defaultVirtualServiceExportTo, ["."]);
        assert.deepEqual(values.meshConfig.defaultDestinationRuleExportTo, ["."]);
        assert.deepEqual(values.gateways.seccompProfile, { type: "RuntimeDefault" });
        // Only what the cni chart reads: no template of it reads global.istioNamespace.
        assert.deepEqual(inputs(release("istio-cni")).values, { global: { hub: ISTIO.hub, tag: ISTIO.version }, resources: CNI_RESOURCES });
    });

    it("runs the gateway non-root, without capabilities, on fixed NodePorts", () => {
        const values = inputs(release("istio-ingress")).values;
        assert.deepEqual(inputs(release("istio-ingress")).values, gatewayValues({ replicas: 3, gateway: GATEWAY }));
        assert.equal(values.service.type, "NodePort");
        assert.deepEqual(values.service.ports.map((p: { name: string; port: number; targetPort: number; nodePort: number }) => [p.name, p.port, p.targetPort, p.nodePort]), [
            ["status-port", GATEWAY_PORTS.status, GATEWAY_PORTS.status, 31021],
            ["https", 443, GATEWAY_PORTS.https, 30443],
        ]);
        assert.equal(GATEWAY_PORTS.httpsNodePort, 30443);
        assert.equal(GATEWAY_PORTS.statusNodePort, 31021);
        assert.equal(values.securityContext.runAsNonRoot, true);
        assert.notEqual(values.securityContext.runAsUser, 0);
        assert.deepEqual(values.securityContext.seccompProfile, { type: "RuntimeDefault" });
        assert.equal(values.containerSecurityContext.allowPrivilegeEscalation, false);
        assert.equal(values.containerSecurityContext.runAsNonRoot, true);
        assert.equal(values.containerSecurityContext.readOnlyRootFilesystem, true);
        assert.deepEqual(values.containerSecurityContext.capabilities, { drop: ["ALL"] });
        assert.deepEqual(values.containerSecurityContext.seccompProfile, { type: "RuntimeDefault" });
        assert.deepEqual(values.nodeSelector, { pool: "app" });
        assert.ok(values.autoscaling.minReplicas >= 3 && values.autoscaling.maxReplicas >= values.autoscaling.minReplicas);
    });
});

describe("mesh sizing", () => {
    const cpu = (q: string) => milliValue(q)!;
    it("gives every container requests and limits, none above its limit, so no LimitRange default applies", () => {
        for (const [what, resources] of Object.entries({ ISTIOD_RESOURCES, GATEWAY_RESOURCES, CNI_RESOURCES, PROXY_RESOURCES })) {
            assert.doesNotThrow(() => validateContainerResources(resources, what));
        }
        const istiod = istiodValues({ replicas: 2 }) as { pilot: { resources: unknown }; global: { proxy: { resources: unknown; seccompProfile: unknown } } };
        assert.deepEqual(istiod.pilot.resources, ISTIOD_RESOURCES);
        // istiod's chart requests 2048Mi: a limit below it (the namespace default, 512Mi) makes the pod invalid.
        assert.ok(milliValue(ISTIOD_RESOURCES.limits.memory)! >= milliValue("2048Mi")!);
        assert.deepEqual(istiod.global.proxy.resources, PROXY_RESOURCES);
        assert.deepEqual(istiod.global.proxy.seccompProfile, { type: "RuntimeDefault" }, "sidecars carry RuntimeDefault themselves");
        assert.deepEqual((gatewayValues({ replicas: 2, gateway: { type: "NodePort" } }) as { resources: unknown }).resources, GATEWAY_RESOURCES);
    });

    it("sizes each namespace's quota for its pods at their largest: autoscaling maxima, rollout surges, a CNI agent per node", () => {
        const quotas = meshQuotas(2, 12, "NodePort");
        assert.equal(cpu(quotas.system.cpu), (istiodMaxReplicas(2) + 1) * cpu(ISTIOD_RESOURCES.limits.cpu));
        assert.equal(quotas.system.pods, istiodMaxReplicas(2) + 1);
        assert.equal(cpu(quotas.cni.cpu), 12 * cpu(CNI_RESOURCES.limits.cpu));
        assert.equal(quotas.cni.pods, 12);
        assert.equal(quotas.gateway.pods, gatewayMaxReplicas(2) + Math.ceil(gatewayMaxReplicas(2) / 4));
        assert.equal(cpu(quotas.gateway.cpu), quotas.gateway.pods * cpu(GATEWAY_RESOURCES.limits.cpu));
        assert.equal(quotas.gateway.nodePorts, 2);
        // The quota the mesh had before: 8 CPU in each namespace, which held 4 gateways of the 5 the autoscaler may run.
        assert.ok(cpu(quotas.gateway.cpu) > 8000);
        for (const quota of Object.values(quotas)) {
            assert.equal(quota.storage, "0", "no volumes in the mesh's namespaces");
        }
    });

    it("gives a LoadBalancer gateway no node ports, and its namespace a load balancer and no node port", () => {
        const values = gatewayValues({ replicas: 2, gateway: { type: "LoadBalancer" } }) as { service: Record<string, unknown> };
        assert.equal(values.service.allocateLoadBalancerNodePorts, false);
        const quotas = meshQuotas(2, 3, "LoadBalancer");
        assert.equal(quotas.gateway.nodePorts, 0);
        assert.equal(quotas.gateway.loadBalancers, 1);
        assert.equal("allocateLoadBalancerNodePorts" in (gatewayValues({ replicas: 2, gateway: { type: "NodePort" } }) as { service: Record<string, unknown> }).service, false);
    });

    it("refuses a node count that is not a positive whole number", () => {
        assert.throws(() => new IstioMesh("bad", { kubernetesVersion: "1.35", replicas: 1, gateway: { type: "NodePort" }, gatewayTls: { certPem: "", privateKeyPem: "" }, maxNodes: 0 }), /maxNodes must be a positive whole number, got 0/);
    });
});

describe("gatewayValues", () => {
    it("sets no disruption budget for a lone replica, which would block node drains, and keeps one available otherwise", () => {
        const budget = (replicas: number) => (gatewayValues({ replicas, gateway: { type: "NodePort" } }) as { podDisruptionBudget: unknown }).podDisruptionBudget;
        assert.deepEqual(budget(1), {});
        assert.deepEqual(budget(2), { minAvailable: 1 });
        assert.deepEqual(budget(3), { minAvailable: 1 });
    });

    it("keeps the source address on a NodePort too, so the gateway's NetworkPolicy sees the load balancer, not a node", () => {
        const values = gatewayValues({ replicas: 2, gateway: { type: "NodePort" } }) as { service: { externalTrafficPolicy: string } };
        assert.equal(values.service.externalTrafficPolicy, "Local");
    });

    it("sets no NodePorts and keeps client addresses on a LoadBalancer service", () => {
        const values = gatewayValues({ replicas: 2, gateway: { type: "LoadBalancer" } }) as { service: { type: string; externalTrafficPolicy: string; ports: Array<Record<string, unknown>> }; nodeSelector?: unknown };
        assert.equal(values.service.type, "LoadBalancer");
        assert.equal(values.service.externalTrafficPolicy, "Local");
        assert.ok(values.service.ports.every((p) => !("nodePort" in p)));
        assert.equal(values.nodeSelector, undefined);
    });

    it("keeps the restricted security contexts whatever the service type", () => {
        for (const type of ["NodePort", "LoadBalancer"] as const) {
            const values = gatewayValues({ replicas: 1, gateway: { type } }) as Record<string, Record<string, unknown>>;
            assert.equal(values.securityContext.runAsNonRoot, true);
            assert.equal(values.containerSecurityContext.allowPrivilegeEscalation, false);
            assert.deepEqual(values.containerSecurityContext.capabilities, { drop: ["ALL"] });
        }
    });
});

describe("IstioMesh policies", () => {
    it("requires STRICT mTLS mesh-wide with PeerAuthentication default in the root namespace", () => {
        const peer = inputs(customResource(PEER_AUTHENTICATION, "mesh-strict-mtls"));
        assert.deepEqual(inputs(customResource(PEER_AUTHENTICATION, "mesh-strict-mtls")), {
            apiVersion: "security.istio.io/v1",
            kind: "PeerAuthentication",
            metadata: { name: "default", namespace: "istio-system" },
            spec: { mtls: { mode: "STRICT" } },
        });
        assert.equal(peer.spec.selector, undefined);
        assert.equal(peer.spec.portLevelMtls, undefined);
        assert.equal(ofType(mesh, PEER_AUTHENTICATION).length, 1);
        assert.ok(customResource(PEER_AUTHENTICATION, "mesh-strict-mtls").dependencies.includes(release("istiod").urn), "the CRDs and webhook exist first");
    });

    it("allows nothing by default with an empty AuthorizationPolicy in the root namespace", () => {
        const allowNothing = customResource(AUTHORIZATION_POLICY, "mesh-allow-nothing");
        assert.deepEqual(inputs(allowNothing).metadata, { name: "allow-nothing", namespace: "istio-system" });
        assert.deepEqual(inputs(allowNothing).spec, {}, "an empty spec: no selector, no rules, nothing allowed");
        assert.ok(allowNothing.dependencies.includes(release("istiod").urn));
    });

    it("lets clients reach the gateway's HTTPS port only", () => {
        const clients = inputs(customResource(AUTHORIZATION_POLICY, "gateway-allow-clients"));
        assert.deepEqual(clients.metadata, { name: "allow-clients", namespace: "istio-ingress" });
        assert.deepEqual(clients.spec, { selector: { matchLabels: { istio: "ingress" } }, action: "ALLOW", rules: [{ to: [{ operation: { ports: [String(GATEWAY_PORTS.https)] } }] }] });
        assert.deepEqual(ofType(mesh, AUTHORIZATION_POLICY).map((r) => r.name).sort(), ["gateway-allow-clients", "mesh-allow-nothing"]);
    });

    it("terminates TLS 1.2+ at the gateway with forward-secret AEAD suites only", () => {
        const gateway = customResource("kubernetes:networking.istio.io/v1:Gateway", "gateway");
        const { spec, metadata } = inputs(gateway);
        assert.equal(metadata.namespace, "istio-ingress");
        assert.deepEqual(spec.selector, { istio: "ingress" });
        assert.equal(spec.servers.length, 1);
        const [server] = spec.servers;
        assert.deepEqual(server.port, { number: GATEWAY_PORTS.https, name: "https", protocol: "HTTPS" });
        assert.equal(server.tls.mode, "SIMPLE");
        assert.equal(server.tls.credentialName, "gateway-tls");
        assert.equal(server.tls.minProtocolVersion, "TLSV1_2");
        assert.deepEqual(server.tls.cipherSuites, [...GATEWAY_CIPHER_SUITES]);
        assert.ok(server.tls.cipherSuites.length > 0);
        for (const suite of server.tls.cipherSuites) {
            assert.match(suite, /^ECDHE-(ECDSA|RSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/);
        }
        assert.ok(gateway.dependencies.includes(release("istio-ingress").urn));
        assert.ok(gateway.dependencies.includes(named(mesh, "gateway-tls").urn), "the Gateway waits for its certificate");
    });

    it("grants each route's hosts to its namespace alone, and its own namespace every other name", () => {
        const [server] = inputs(customResource("kubernetes:networking.istio.io/v1:Gateway", "gateway")).spec.servers;
        assert.deepEqual(server.hosts, ["istio-ingress/*", "platform/app.example.com", "tenant-acme/acme.app.example.com", "tenant-acme/*.acme.example"]);
        assert.ok(!server.hosts.includes("*"), "no host any namespace can bind");
        assert.equal(inputs(customResource("kubernetes:networking.istio.io/v1:Gateway", "gateway")).metadata.name, "platform");
    });

    it("serves no host but its own namespace's without routes", () => {
        assert.deepEqual(gatewayServerHosts([]), ["istio-ingress/*"]);
    });

    it("admits every address only when given no source range", () => {
        assert.deepEqual(gatewayClients({ type: "LoadBalancer" }), {});
        assert.deepEqual(gatewayClients({ type: "LoadBalancer", sourceRanges: ["10.0.0.0/8"] }), { peers: [{ ipBlock: { cidr: "10.0.0.0/8" } }] });
    });

    it("keeps the gateway's certificate in a TLS Secret whose data is secret", () => {
        const secret = named(mesh, "gateway-tls");
        assert.equal(secret.type, "kubernetes:core/v1:Secret");
        assert.equal(secret.inputs.type, "kubernetes.io/tls");
        assert.deepEqual(plain(secret.inputs).metadata, { name: "gateway-tls", namespace: "istio-ingress" });
        assert.ok(isSecretValue(secret.inputs.stringData), "stringData is recorded as a secret");
        assert.deepEqual(Object.keys(plain(secret.inputs).stringData).sort(), ["tls.crt", "tls.key"]);
        assert.equal(plain(secret.inputs).stringData["tls.key"], "-----BEGIN PRIVATE KEY-----");
        for (const output of ["data", "stringData"]) {
            assert.ok(secret.additionalSecretOutputs.includes(output), `${output} is a secret output`);
        }
    });
});

describe("IstioMesh namespaces", () => {
    it("keeps istio-system and istio-ingress restricted and only istio-cni privileged", () => {
        assert.deepEqual(namespaceLabels("istio-system"), podSecurityLabels("restricted", "1.35"));
        assert.deepEqual(namespaceLabels("istio-cni"), podSecurityLabels("privileged", "1.35"));
        assert.deepEqual(namespaceLabels("istio-ingress"), { ...podSecurityLabels("restricted", "1.35"), "istio-injection": "enabled" });
    });

    it("denies everything by default in each of its namespaces", () => {
        for (const ns of ["istio-system", "istio-cni", "istio-ingress"]) {
            const deny = policiesIn(ns).filter((p) => p.metadata.name === "default-deny");
            assert.deepEqual(deny.map((p) => p.spec), [{ podSelector: {}, policyTypes: ["Ingress", "Egress"] }], ns);
        }
    });

    it("opens istiod only on xDS, its webhooks and the API server", () => {
        const open = policiesIn("istio-system").filter((p) => !["default-deny", "allow-baseline"].includes(p.metadata.name));
        assert.deepEqual(open.map((p) => [p.metadata.name, p.spec]).sort(), [
            ["allow-kube-api", { podSelector: { matchLabels: { app: "istiod" } }, policyTypes: ["Egress"], egress: [{ ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 6443 }] }] }],
            ["allow-webhooks", { podSelector: { matchLabels: { app: "istiod" } }, policyTypes: ["Ingress"], ingress: [{ ports: [{ protocol: "TCP", port: 15017 }] }] }],
            ["allow-xds", { podSelector: { matchLabels: { app: "istiod" } }, policyTypes: ["Ingress"], ingress: [{ ports: [{ protocol: "TCP", port: 15012 }] }] }],
        ]);
    });

    it("lets the gateway accept clients only from its source ranges, on HTTPS and status, and its pods alone reach the backends", () => {
        const clients = policiesIn("istio-ingress").find((p) => p.metadata.name === "allow-clients")!;
        assert.deepEqual(clients.spec, {
            podSelector: { matchLabels: { istio: "ingress" } },
            policyTypes: ["Ingress"],
            ingress: [{
                from: [{ ipBlock: { cidr: "10.10.0.0/24" } }, { ipBlock: { cidr: "10.10.1.0/24" } }],
                ports: [{ protocol: "TCP", port: GATEWAY_PORTS.https }, { protocol: "TCP", port: GATEWAY_PORTS.status }],
            }],
        });
        const backends = policiesIn("istio-ingress").find((p) => p.metadata.name === "allow-backends")!;
        assert.deepEqual(backends.spec, { podSelector: { matchLabels: { istio: "ingress" } }, policyTypes: ["Egress"], egress: [{ to: [{ namespaceSelector: {} }] }] });
        const baseline = policiesIn("istio-ingress").find((p) => p.metadata.name === "allow-baseline")!;
        assert.ok(baseline.spec.egress.some((rule: { to: { podSelector?: { matchLabels: Record<string, string> } }[] }) => rule.to.some((peer) => peer.podSelector?.matchLabels.app === "istiod")), "the gateway reaches istiod");
    });

    it("has no policy that admits every peer on every port", () => {
        for (const p of ofType(mesh, NETWORK_POLICY).map(inputs)) {
            for (const rule of [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])]) {
                const peers = rule.from ?? rule.to;
                assert.ok(peers === undefined || peers.length > 0, `${p.metadata.namespace}/${p.metadata.name} has an empty peer list`);
                assert.ok(peers !== undefined || (rule.ports ?? []).length > 0, `${p.metadata.namespace}/${p.metadata.name} opens every peer and port`);
                const selectsAnyNamespace = (peers ?? []).some((peer: { namespaceSelector?: object }) => peer.namespaceSelector && Object.keys(peer.namespaceSelector).length === 0);
                if (selectsAnyNamespace) {
                    assert.equal(`${p.metadata.namespace}/${p.metadata.name}`, "istio-ingress/allow-backends", "only the gateway's egress selects every namespace");
                }
                if ((peers ?? []).some((peer: { ipBlock?: unknown }) => peer.ipBlock)) {
                    assert.equal(`${p.metadata.namespace}/${p.metadata.name}`, "istio-ingress/allow-clients", "only the gateway's clients are addresses");
                }
            }
        }
    });

    it("lets only the CNI node agent's pods reach the API server from istio-cni", () => {
        const kubeApi = policiesIn("istio-cni").find((p) => p.metadata.name === "allow-kube-api")!;
        assert.deepEqual(kubeApi.spec, {
            podSelector: { matchLabels: { "k8s-app": "istio-cni-node" } },
            policyTypes: ["Egress"],
            egress: [{ ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 6443 }] }],
        });
    });

    it("lets the gateway namespace create exactly the NodePorts it needs and nothing else exposed", () => {
        const hard = (ns: string) => inputs(mesh.find((r) => r.type === "kubernetes:core/v1:ResourceQuota" && r.name === `${ns}-quota`)!).spec.hard;
        assert.equal(hard("istio-ingress")["services.nodeports"], "2");
        assert.equal(hard("istio-ingress")["services.loadbalancers"], "0");
        for (const ns of ["istio-system", "istio-cni"]) {
            assert.equal(hard(ns)["services.nodeports"], "0");
            assert.equal(hard(ns)["services.loadbalancers"], "0");
        }
    });
});

describe("IstioMesh resources", () => {
    it("are all created through the given provider, with unique URNs", () => {
        for (const r of mesh.filter((c) => c.custom)) {
            assert.ok(r.provider?.startsWith(`${providerUrn}::`), `${r.urn} uses the cluster provider`);
        }
        const urns = all.map((r) => r.urn);
        assert.equal(new Set(urns).size, urns.length);
    });
});
