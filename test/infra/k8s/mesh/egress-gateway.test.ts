import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as k8s from "@pulumi/kubernetes";
import {
    authorizationPolicySpec, destinationRuleSpec, EGRESS_LISTENER_PORT, EGRESS_SERVICE_HOST, EgressGateway, egressGatewayValues, egressQuota,
    egressNamespaceAllows, gatewaySpec, hostLabel, mergeEgressHosts, NON_INTERNET_RANGES, serviceEntrySpec, virtualServiceSpec,
} from "../../../../infra/k8s/mesh/egress-gateway";
import { GATEWAY_RESOURCES, istiodValues, meshQuotas } from "../../../../infra/k8s/mesh/istio-mesh";
import { podSecurityLabels } from "../../../../infra/k8s/pod-security";
import type { EgressHost } from "../../../../infra/settings/mesh";
import { ISTIO } from "../../../../infra/versions";
import { RecordedResource, renderComponents } from "../../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../../harness/resources";

const STRIPE: EgressHost = { host: "api.stripe.com", port: 443, protocol: "TLS", namespaces: ["platform", "tenant-acme"] };
const SLACK: EgressHost = { host: "hooks.slack.com", port: 8443, protocol: "HTTPS", namespaces: ["tenant-globex"] };
const REPOSITORY = "oci://registry.corp.example:5000/charts";

async function render(hosts: readonly EgressHost[], replicas = 2): Promise<RecordedResource[]> {
    const { resources } = await renderComponents(() => {
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        const istiod = new k8s.core.v1.ConfigMap("istiod-ready", {}, { provider });
        const clients = ["platform", "tenant-acme", "tenant-globex"].map((ns) => new k8s.core.v1.Namespace(ns, { metadata: { name: ns } }, { provider }));
        new EgressGateway("egress", {
            kubernetesVersion: "1.35",
            sources: { chartRepository: REPOSITORY, registryMirror: "registry.corp.example:5000/mirror", pullSecretName: "mirror-pull" },
            imagePullSecret: { name: "mirror-pull", dockerConfigJson: "{}" },
            replicas,
            hosts,
            nodeSelector: { pool: "app" },
            meshReady: [istiod],
            clientNamespaces: clients,
        }, { provider });
    });
    return descendantsOf(resources, named(resources, "egress"));
}

const inputs = (r: RecordedResource) => plain(r.inputs);
const of = (resources: RecordedResource[], type: string) => ofType(resources, `kubernetes:${type}`).map(inputs);

let withHosts: RecordedResource[];

// Pulumi's mocks render once per process: the gateway without hosts is rendered in egress-gateway-no-hosts.test.ts.
before(async () => {
    withHosts = await render([STRIPE, SLACK]);
});

describe("EgressGateway", () => {
    it("installs the pinned gateway chart as a ClusterIP Service labelled istio: egressgateway, from the mirror", () => {
        const [release] = of(withHosts, "helm.sh/v3:Release");
        assert.equal(release.chart, `${REPOSITORY}/gateway`);
        assert.equal(release.version, ISTIO.version);
        assert.equal(release.namespace, "istio-egress");
        assert.equal(release.name, "istio-egress");
        assert.deepEqual(release.values.labels, { istio: "egressgateway" });
        assert.equal(release.values.service.type, "ClusterIP");
        assert.deepEqual(release.values.service.ports.find((p: { name: string }) => p.name === "tls"), { name: "tls", port: 443, targetPort: EGRESS_LISTENER_PORT, protocol: "TCP" });
        assert.deepEqual(release.values.imagePullSecrets, [{ name: "mirror-pull" }]);
        assert.deepEqual(release.values.nodeSelector, { pool: "app" });
        assert.deepEqual(release.values.rbac, { enabled: false });
    });

    it("runs 2+ replicas with a PodDisruptionBudget outside dev, and one without", () => {
        assert.deepEqual(egressGatewayValues({ replicas: 2 }).autoscaling, { enabled: true, minReplicas: 2, maxReplicas: 5 });
        assert.deepEqual(egressGatewayValues({ replicas: 2 }).podDisruptionBudget, { minAvailable: 1 });
        assert.deepEqual(egressGatewayValues({ replicas: 1 }).podDisruptionBudget, {});
    });

    it("runs non-root with no capabilities and RuntimeDefault seccomp", () => {
        const values = egressGatewayValues({ replicas: 2 }) as { securityContext: Record<string, unknown>; containerSecurityContext: Record<string, unknown> };
        assert.equal(values.securityContext.runAsNonRoot, true);
        assert.deepEqual(values.securityContext.seccompProfile, { type: "RuntimeDefault" });
        assert.deepEqual(values.containerSecurityContext.capabilities, { drop: ["ALL"] });
        assert.equal(values.containerSecurityContext.allowPrivilegeEscalation, false);
    });

    it("gets a restricted, default-deny namespace with a quota sized like the ingress gateway's", () => {
        const [namespace] = of(withHosts, "core/v1:Namespace");
        assert.deepEqual(namespace.metadata.labels, { ...podSecurityLabels("restricted", "1.35"), "istio-injection": "enabled" });
        const deny = of(withHosts, "networking.k8s.io/v1:NetworkPolicy").find((p) => p.metadata.namespace === "istio-egress" && p.metadata.name === "default-deny");
        assert.deepEqual(deny.spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
        const ingressQuota = meshQuotas(2, 6, "NodePort").gateway;
        assert.deepEqual({ ...egressQuota(2), nodePorts: 0, loadBalancers: 0 }, { ...ingressQuota, nodePorts: 0, loadBalancers: 0 });
        assert.deepEqual(egressGatewayValues({ replicas: 2 }).resources, { requests: { ...GATEWAY_RESOURCES.requests }, limits: { ...GATEWAY_RESOURCES.limits } });
        const [quota] = of(withHosts, "core/v1:ResourceQuota");
        assert.equal(quota.spec.hard["services.loadbalancers"], "0");
        assert.equal(quota.spec.hard["services.nodeports"], "0");
    });

    it("creates a ServiceEntry, a route, a subset and an authorization rule per host", () => {
        const byHost = (a: { spec: { hosts: string[] } }, b: { spec: { hosts: string[] } }) => a.spec.hosts[0].localeCompare(b.spec.hosts[0]);
        assert.deepEqual(of(withHosts, "networking.istio.io/v1:ServiceEntry").sort(byHost).map((e) => e.spec), [serviceEntrySpec(STRIPE), serviceEntrySpec(SLACK)]);
        assert.deepEqual(of(withHosts, "networking.istio.io/v1:VirtualService").sort(byHost).map((e) => e.spec), [virtualServiceSpec(STRIPE), virtualServiceSpec(SLACK)]);
        assert.deepEqual(of(withHosts, "networking.istio.io/v1:DestinationRule").map((e) => e.spec), [destinationRuleSpec([STRIPE, SLACK])]);
        assert.deepEqual(of(withHosts, "networking.istio.io/v1:Gateway").map((e) => e.spec), [gatewaySpec([STRIPE, SLACK])]);
        assert.deepEqual(of(withHosts, "security.istio.io/v1:AuthorizationPolicy").map((e) => e.spec), [authorizationPolicySpec([STRIPE, SLACK])]);
        for (const object of [...of(withHosts, "networking.istio.io/v1:ServiceEntry"), ...of(withHosts, "networking.istio.io/v1:VirtualService")]) {
            assert.equal(object.metadata.namespace, "istio-egress");
        }
    });

    it("exports each host only to the namespaces that may call it and to the gateway's", () => {
        assert.deepEqual(serviceEntrySpec(STRIPE), {
            hosts: ["api.stripe.com"], exportTo: [".", "platform", "tenant-acme"], location: "MESH_EXTERNAL", resolution: "DNS",
            ports: [{ number: 443, name: "tls-443", protocol: "TLS" }],
        });
        assert.deepEqual(virtualServiceSpec(SLACK).exportTo, [".", "tenant-globex"]);
        assert.deepEqual(destinationRuleSpec([STRIPE, SLACK]).exportTo, [".", "platform", "tenant-acme", "tenant-globex"]);
    });

    it("routes mesh → egress gateway (mTLS, host as SNI) → the host, the application's TLS untouched", () => {
        assert.deepEqual(virtualServiceSpec(SLACK), {
            hosts: ["hooks.slack.com"],
            gateways: ["mesh", "istio-egress/egress"],
            exportTo: [".", "tenant-globex"],
            tls: [
                { match: [{ gateways: ["mesh"], port: 8443, sniHosts: ["hooks.slack.com"] }], route: [{ destination: { host: EGRESS_SERVICE_HOST, subset: "hooks-slack-com", port: { number: 443 } } }] },
            ],
            // The gateway's server terminates the mesh's mTLS, so istiod routes what is inside by TCP routes.
            tcp: [{ match: [{ gateways: ["istio-egress/egress"], port: EGRESS_LISTENER_PORT }], route: [{ destination: { host: "hooks.slack.com", port: { number: 8443 } } }] }],
        });
        assert.deepEqual(destinationRuleSpec([STRIPE]).subsets, [
            { name: "api-stripe-com", trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: "ISTIO_MUTUAL", sni: "api.stripe.com" } }] } },
        ]);
        // A server per host: one filter chain per SNI, each with its own TCP route.
        assert.deepEqual(gatewaySpec([STRIPE, SLACK]), {
            selector: { istio: "egressgateway" },
            servers: [
                { port: { number: EGRESS_LISTENER_PORT, name: "tls-api-stripe-com", protocol: "TLS" }, hosts: ["istio-egress/api.stripe.com"], tls: { mode: "ISTIO_MUTUAL" } },
                { port: { number: EGRESS_LISTENER_PORT, name: "tls-hooks-slack-com", protocol: "TLS" }, hosts: ["istio-egress/hooks.slack.com"], tls: { mode: "ISTIO_MUTUAL" } },
            ],
        });
    });

    it("authorizes each host for its namespaces only, by mTLS identity and SNI", () => {
        assert.deepEqual(authorizationPolicySpec([STRIPE, SLACK]), {
            selector: { matchLabels: { istio: "egressgateway" } },
            action: "ALLOW",
            rules: [
                { from: [{ source: { namespaces: ["platform", "tenant-acme"] } }], to: [{ operation: { ports: ["8443"] } }], when: [{ key: "connection.sni", values: ["api.stripe.com"] }] },
                { from: [{ source: { namespaces: ["tenant-globex"] } }], to: [{ operation: { ports: ["8443"] } }], when: [{ key: "connection.sni", values: ["hooks.slack.com"] }] },
            ],
        });
    });

    it("lets only the gateway's pods leave the cluster, to public addresses on the hosts' ports, and only callers reach it", () => {
        const policies = of(withHosts, "networking.k8s.io/v1:NetworkPolicy").filter((p) => p.metadata.namespace === "istio-egress");
        const internet = policies.find((p) => p.metadata.name === "allow-internet");
        assert.deepEqual(internet.spec, {
            podSelector: { matchLabels: { istio: "egressgateway" } },
            policyTypes: ["Egress"],
            egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: [...NON_INTERNET_RANGES] } }], ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 8443 }] }],
        });
        assert.ok(NON_INTERNET_RANGES.includes("169.254.0.0/16"), "the instance metadata service is excepted");
        assert.ok(NON_INTERNET_RANGES.includes("10.0.0.0/8") && NON_INTERNET_RANGES.includes("172.16.0.0/12") && NON_INTERNET_RANGES.includes("192.168.0.0/16"));
        const callers = policies.find((p) => p.metadata.name === "allow-callers");
        assert.deepEqual(callers.spec.ingress, [{
            from: ["platform", "tenant-acme", "tenant-globex"].map((ns) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } } })),
            ports: [{ protocol: "TCP", port: EGRESS_LISTENER_PORT }],
        }]);
    });

    it("lets each calling namespace reach the gateway's listener, and no other namespace", () => {
        const toGateway = of(withHosts, "networking.k8s.io/v1:NetworkPolicy").filter((p) => p.metadata.name === "allow-egress-gateway");
        assert.deepEqual(toGateway.map((p) => p.metadata.namespace).sort(), ["platform", "tenant-acme", "tenant-globex"]);
        assert.deepEqual(toGateway[0].spec, {
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [{
                to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-egress" } }, podSelector: { matchLabels: { istio: "egressgateway" } } }],
                ports: [{ protocol: "TCP", port: EGRESS_LISTENER_PORT }],
            }],
        });
        const calling = new Set(ofType(withHosts, "kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) => inputs(p).metadata.name === "allow-egress-gateway"));
        for (const policy of calling) {
            assert.ok(policy.dependencies.some((d) => d.endsWith("::platform")), `${policy.name} waits for the namespaces`);
        }
    });

    it("logs every connection through the gateway: istiod turns the proxies' access log on", () => {
        assert.equal((istiodValues({ replicas: 2 }).meshConfig as Record<string, unknown>).accessLogFile, "/dev/stdout");
    });

    it("opens the private destinations the stack lists beside the internet, on the same ports", () => {
        const [, internet] = egressNamespaceAllows([STRIPE], ["10.20.30.0/24"]);
        assert.deepEqual(internet.peers, [{ ipBlock: { cidr: "0.0.0.0/0", except: [...NON_INTERNET_RANGES] } }, { ipBlock: { cidr: "10.20.30.0/24" } }]);
        assert.deepEqual(internet.ports, [{ protocol: "TCP", port: 443 }]);
    });

    it("merges a host given twice into one entry for the namespaces of both, and refuses two ports for one host", () => {
        const store: EgressHost = { host: "api.stripe.com", port: 443, protocol: "TLS", namespaces: ["data", "platform"] };
        assert.deepEqual(mergeEgressHosts([STRIPE, SLACK, store]), [{ ...STRIPE, namespaces: ["platform", "tenant-acme", "data"] }, SLACK]);
        assert.throws(() => mergeEgressHosts([STRIPE, { ...STRIPE, port: 8443 }]), /EgressGateway: api\.stripe\.com is given as TLS on 443 and as TLS on 8443; list each host once/);
    });

    it("names subsets with DNS labels, stable and distinct for long hosts", () => {
        assert.equal(hostLabel("api.stripe.com"), "api-stripe-com");
        const long = `${"a".repeat(60)}.example.com`;
        const other = `${"a".repeat(60)}.example.org`;
        assert.match(hostLabel(long), /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
        assert.notEqual(hostLabel(long), hostLabel(other));
        assert.equal(hostLabel(long), hostLabel(long));
    });
});
