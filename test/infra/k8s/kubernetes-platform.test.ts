import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as k8s from "@pulumi/kubernetes";
import { DATA_NAMESPACE, ingressRoutes, KubernetesPlatform, MONGODB_PORT, PLATFORM_NAMESPACE } from "../../../infra/k8s/kubernetes-platform";
import { certificateCovers } from "../../../infra/lib/hostnames";
import { DEFAULT_TENANT_QUOTA } from "../../../infra/settings/tenants";
import { podSecurityLabels } from "../../../infra/k8s/pod-security";
import { Keystore } from "../../../infra/secrets/keystore";
import { TENANT_KEY_ENCRYPTION_ANNOTATION, TENANT_KEY_LABEL, unwrapTenantKey } from "../../../infra/secrets/tenant-keys";
import { PERCONA_MONGODB } from "../../../infra/versions";
import { minimal, parse } from "../../harness/config-fixtures";
import { PlatformMocks } from "../../../engine/mocks";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../harness/resources";
import { isSecretValue } from "../../../engine/wire";

const NAMESPACE = "kubernetes:core/v1:Namespace";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const AUTHORIZATION_POLICY = "kubernetes:security.istio.io/v1:AuthorizationPolicy";
const ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role";
const MIRROR = "https://charts.example.com/istio";

const config = parse(minimal("prod", {
    tenants: JSON.stringify([{ name: "acme" }, { name: "globex", readSecrets: true, group: "globex-admins" }]),
    chartRepository: MIRROR,
    egress: JSON.stringify({ hosts: [{ host: "api.stripe.com", namespaces: ["platform", "tenant-acme"] }] }),
    domainName: "app.example.com",
    hostedZoneId: "Z0123456789ABCDEFGHIJ",
}));

/** The shared mocks return no PEMs for @pulumi/tls; name each after its resource so they can be followed. */
const PEM_OUTPUTS: Record<string, string> = {
    "tls:index/privateKey:PrivateKey": "privateKeyPem",
    "tls:index/certRequest:CertRequest": "certRequestPem",
    "tls:index/selfSignedCert:SelfSignedCert": "certPem",
    "tls:index/locallySignedCert:LocallySignedCert": "certPem",
};
const newResource = PlatformMocks.prototype.newResource;
PlatformMocks.prototype.newResource = function (args) {
    const result = newResource.call(this, args);
    const output = PEM_OUTPUTS[args.type];
    return output ? { ...result, state: { ...result.state, [output]: `PEM of ${args.name}` } } : result;
};

let all: readonly RecordedResource[];
let platform: RecordedResource[];
let providerUrn: string;

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        const keystore = new Keystore("keystore", { generations: config.data.keystore });
        new KubernetesPlatform("kubernetes", {
            config,
            kubernetesVersion: config.cluster.kubernetesVersion,
            domainName: config.edge.domainName!,
            sources: { chartRepository: MIRROR },
            provider,
            gateway: { type: "NodePort" },
            maxNodes: 6,
            keystore,
            storageClassName: "encrypted",
        });
    });
    all = resources;
    platform = descendantsOf(resources, named(resources, "kubernetes"));
    providerUrn = named(resources, "cluster").urn;
});

const inputs = (r: RecordedResource) => plain(r.inputs);
const namespaces = () => ofType(platform, NAMESPACE).map((r) => inputs(r).metadata);
const policiesIn = (ns: string) => ofType(platform, NETWORK_POLICY).map(inputs).filter((p) => p.metadata.namespace === ns);
type PolicyRule = { from?: Peer[]; to?: Peer[]; ports?: Array<{ protocol: string; port: number }> };
type Peer = { namespaceSelector?: { matchLabels?: Record<string, string> }; podSelector?: unknown };
const peerNamespace = (peer: Peer) => peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"];
const roleOf = (ns: string) => ofType(platform, ROLE).map(inputs).find((r) => r.metadata.namespace === ns);
const secretVerbs = (ns: string) => new Set<string>(roleOf(ns).rules.filter((r: { resources: string[] }) => r.resources.includes("secrets")).flatMap((r: { verbs: string[] }) => r.verbs));

describe("KubernetesPlatform", () => {
    it("wraps each tenant's key under the keystore's root key by default, kept in the platform namespace once it exists", () => {
        const rootKey = Buffer.from(plain(named(all, "keystore-root-key").outputs).base64, "base64");
        const platformNamespace = ofType(platform, NAMESPACE).find((n) => inputs(n).metadata.name === PLATFORM_NAMESPACE)!;
        for (const tenant of ["acme", "globex"]) {
            const secret = ofType(platform, "kubernetes:core/v1:Secret").find((s) => inputs(s).metadata.labels?.[TENANT_KEY_LABEL] === tenant)!;
            const { metadata, stringData } = inputs(secret);
            assert.deepEqual([metadata.namespace, metadata.annotations[TENANT_KEY_ENCRYPTION_ANNOTATION]], [PLATFORM_NAMESPACE, "aes256-wrap"]);
            const key = Buffer.from(plain(named(all, `tenant-${tenant}-key-v1`).outputs).base64, "base64");
            assert.ok(unwrapTenantKey(rootKey, tenant, 1, Buffer.from(stringData.v1, "base64")).equals(key), `${tenant}'s v1 opens with the root key`);
            assert.ok(secret.dependencies.includes(platformNamespace.urn));
        }
    });

    it("creates the platform, data, mesh and one namespace per tenant", () => {
        assert.deepEqual(namespaces().map((m) => m.name).sort(), ["cosign-system", "data", "istio-cni", "istio-egress", "istio-ingress", "istio-system", "platform", "tenant-acme", "tenant-globex"]);
        assert.equal(PLATFORM_NAMESPACE, "platform");
        assert.equal(DATA_NAMESPACE, "data");
    });

    it("keeps every namespace but istio-cni restricted, pinned to the cluster version", () => {
        for (const { name, labels } of namespaces()) {
            const level = name === "istio-cni" ? "privileged" : "restricted";
            for (const [key, value] of Object.entries(podSecurityLabels(level, config.cluster.kubernetesVersion))) {
                assert.equal(labels[key], value, `${name} ${key}`);
            }
        }
    });

    it("denies all traffic by default in every namespace it creates", () => {
        for (const { name } of namespaces()) {
            const denyAll = policiesIn(name).filter((p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress && !p.spec.egress);
            assert.deepEqual(denyAll.map((p) => p.spec.policyTypes), [["Ingress", "Egress"]], `${name} has a default deny`);
        }
        const created = new Set(namespaces().map((m) => m.name));
        // Cluster-scoped objects (image verification's policies) live in no namespace.
        const clusterScoped = [NAMESPACE, "kubernetes:helm.sh/v3:Release", "kubernetes:policy.sigstore.dev/v1beta1:ClusterImagePolicy",
            "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy", "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding"];
        for (const r of platform.filter((c) => c.type.startsWith("kubernetes:") && !clusterScoped.includes(c.type))) {
            assert.ok(created.has(inputs(r).metadata.namespace), `${r.urn} lives in a namespace the platform created`);
        }
    });

    it("lets only the platform namespace into the data namespace, on MongoDB's port", () => {
        assert.equal(MONGODB_PORT, 27017);
        const rules = policiesIn(DATA_NAMESPACE).flatMap((p) => (p.spec.ingress ?? []) as PolicyRule[]);
        assert.ok(rules.length > 0);
        for (const rule of rules) {
            assert.ok(rule.from && rule.from.length > 0, "an ingress rule of data admits any source");
            const sources = rule.from.map(peerNamespace);
            if (sources.every((s) => s === DATA_NAMESPACE)) {
                continue;
            }
            assert.deepEqual(sources, [PLATFORM_NAMESPACE]);
            assert.deepEqual(rule.ports, [{ protocol: "TCP", port: 27017 }]);
        }
        assert.ok(rules.some((r) => r.from?.some((p) => peerNamespace(p) === PLATFORM_NAMESPACE)), "the platform is admitted");
        const mesh = ofType(platform, AUTHORIZATION_POLICY).map(inputs).filter((p) => p.metadata.namespace === DATA_NAMESPACE);
        assert.deepEqual(mesh.map((p) => p.spec), [{ action: "ALLOW", rules: [{ from: [{ source: { namespaces: [PLATFORM_NAMESPACE, DATA_NAMESPACE] } }] }] }]);
    });

    it("lets the platform reach the data namespace only on MongoDB's port", () => {
        const toData = policiesIn(PLATFORM_NAMESPACE).flatMap((p) => (p.spec.egress ?? []) as PolicyRule[]).filter((r) => r.to?.some((p) => peerNamespace(p) === DATA_NAMESPACE));
        assert.deepEqual(toData.map((r) => r.ports), [[{ protocol: "TCP", port: 27017 }]]);
        const mesh = ofType(platform, AUTHORIZATION_POLICY).map(inputs).filter((p) => p.metadata.namespace === PLATFORM_NAMESPACE);
        assert.deepEqual(mesh.map((p) => p.spec), [{ action: "ALLOW", rules: [{ from: [{ source: { namespaces: ["istio-ingress", PLATFORM_NAMESPACE] } }] }] }]);
    });

    it("admits into a tenant only the gateway and the tenant itself", () => {
        for (const tenant of ["tenant-acme", "tenant-globex"]) {
            const sources = new Set(policiesIn(tenant).flatMap((p) => ((p.spec.ingress ?? []) as PolicyRule[]).flatMap((r) => (r.from ?? [{}]).map(peerNamespace))));
            assert.deepEqual([...sources].sort(), ["istio-ingress", tenant]);
        }
        // The egress gateway admits the tenants the stack lets call an external host, and only on its listener.
        for (const { name } of namespaces().filter((m) => !m.name.startsWith("tenant-") && m.name !== "istio-egress")) {
            const text = JSON.stringify(policiesIn(name));
            assert.ok(!text.includes("tenant-"), `${name} lets a tenant in`);
        }
        const callers = policiesIn("istio-egress").filter((p) => JSON.stringify(p).includes("tenant-"));
        assert.deepEqual(callers.map((p) => [p.metadata.name, p.spec.ingress[0].from.map(peerNamespace), p.spec.ingress[0].ports]),
            [["allow-callers", [PLATFORM_NAMESPACE, "tenant-acme"], [{ protocol: "TCP", port: 8443 }]]]);
    });

    it("lets a tenant read Secrets only when configured, and binds each tenant's group", () => {
        for (const verb of ["get", "list", "watch"]) {
            assert.ok(!secretVerbs("tenant-acme").has(verb), `acme may ${verb} secrets`);
            assert.ok(secretVerbs("tenant-globex").has(verb), `globex may not ${verb} secrets`);
        }
        const subjects = (ns: string) => inputs(ofType(platform, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").find((r) => inputs(r).metadata.namespace === ns)!).subjects;
        assert.deepEqual(subjects("tenant-acme"), [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "tenant-acme-developers" }]);
        assert.deepEqual(subjects("tenant-globex"), [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "globex-admins" }]);
        assert.equal(ofType(platform, ROLE).length, 2, "no roles outside the tenants");
    });

    it("installs the mesh from the configured repository, with replicas for production", () => {
        const releases = ofType(platform, "kubernetes:helm.sh/v3:Release").map(inputs).filter((r) => r.chart !== PERCONA_MONGODB.chart && r.chart !== PERCONA_MONGODB.crdChart && r.chart !== "policy-controller");
        assert.equal(releases.length, 5);
        assert.ok(releases.every((r) => r.repositoryOpts.repo === MIRROR));
        assert.equal(releases.find((r) => r.name === "istio-egress").values.service.type, "ClusterIP");
        assert.equal(releases.find((r) => r.name === "istio-egress").values.autoscaling.minReplicas, 2);
        assert.equal(releases.find((r) => r.name === "istiod").values.pilot.autoscaleMin, 2);
        assert.equal(releases.find((r) => r.name === "istio-ingress").values.service.type, "NodePort");
    });

    it("verifies images in the platform, data and tenant namespaces, and waits for the controller before them", () => {
        const optedIn = namespaces().filter((m) => m.labels["policy.sigstore.dev/include"] === "true").map((m) => m.name).sort();
        assert.deepEqual(optedIn, ["data", "platform", "tenant-acme", "tenant-globex"]);
        const binding = inputs(ofType(platform, "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding")[0]);
        assert.deepEqual(binding.spec.matchResources.namespaceSelector.matchExpressions[0].values, optedIn);
        assert.deepEqual(binding.spec.validationActions, ["Deny"]);
        const controller = ofType(platform, "kubernetes:helm.sh/v3:Release").find((r) => inputs(r).chart === "policy-controller")!;
        assert.equal(inputs(controller).values.webhook.replicaCount, 2, "two replicas outside dev");
        for (const ns of [PLATFORM_NAMESPACE, DATA_NAMESPACE]) {
            const component = ofType(platform, "secure-platform:k8s:SecureNamespace").find((r) => r.name === ns)!;
            assert.ok(component.dependencies.includes(controller.urn), `the ${ns} SecureNamespace waits for the admission controller`);
        }
    });

    it("lets only the namespaces the stack names call out, through the egress gateway alone", () => {
        const toGateway = ofType(platform, NETWORK_POLICY).map(inputs).filter((p) => p.metadata.name === "allow-egress-gateway").map((p) => p.metadata.namespace);
        assert.deepEqual(toGateway.sort(), [PLATFORM_NAMESPACE, "tenant-acme"]);
        const [entry] = ofType(platform, "kubernetes:networking.istio.io/v1:ServiceEntry").map(inputs).filter((e) => e.spec.hosts.includes("api.stripe.com"));
        assert.deepEqual(entry.spec.exportTo, [".", PLATFORM_NAMESPACE, "tenant-acme"]);
        const outside = ofType(platform, NETWORK_POLICY).map(inputs).filter((p) => p.metadata.namespace !== "istio-egress"
            && ((p.spec.egress ?? []) as Array<{ to?: Array<{ ipBlock?: { cidr: string } }> }>).some((rule) => (rule.to ?? []).some((peer) => peer.ipBlock?.cidr === "0.0.0.0/0")));
        assert.deepEqual(outside.map((p) => `${p.metadata.namespace}/${p.metadata.name}`), []);
    });

    it("waits for the mesh-wide policies before tenants and the platform namespaces", () => {
        const ready = ["mesh-strict-mtls", "mesh-allow-nothing", "istiod"].map((n) => named(platform, n).urn);
        const waits = (r: RecordedResource) => ready.every((urn) => r.dependencies.includes(urn));
        for (const r of ofType(platform, AUTHORIZATION_POLICY).filter((p) => inputs(p).metadata.namespace !== "istio-system" && inputs(p).metadata.namespace !== "istio-ingress")) {
            assert.ok(waits(r), `${r.name} waits for the mesh`);
        }
        assert.ok(ofType(platform, AUTHORIZATION_POLICY).filter((p) => inputs(p).metadata.namespace.startsWith("tenant-")).length === 2);
        for (const ns of [PLATFORM_NAMESPACE, DATA_NAMESPACE]) {
            const component = ofType(platform, "secure-platform:k8s:SecureNamespace").find((r) => r.name === ns)!;
            assert.ok(waits(component), `the ${ns} SecureNamespace waits for the mesh`);
        }
    });

    it("serves the gateway's certificate from the internal CA, for the gateway's names, the domain and every tenant's host", () => {
        const csr = inputs(named(platform, "gateway-csr"));
        assert.deepEqual(csr.dnsNames, ["istio-ingress.istio-ingress.svc", "istio-ingress.istio-ingress.svc.cluster.local", "app.example.com", "*.app.example.com"]);
        for (const host of ["app.example.com", ...config.tenants.flatMap((t) => t.hosts)]) {
            assert.ok(certificateCovers(csr.dnsNames, host), `the certificate covers ${host}`);
        }
        const secret = named(platform, "gateway-tls");
        assert.ok(isSecretValue(secret.inputs.stringData));
        assert.deepEqual(plain(secret.inputs).stringData, { "tls.crt": "PEM of gateway-cert", "tls.key": "PEM of gateway-key" });
        assert.deepEqual(inputs(named(platform, "internal-ca-cert")).subject.organization, `${config.project}-${config.stack}`);
    });

    it("grants the platform's host to the platform namespace and each tenant's host to the tenant's namespace on the shared gateway", () => {
        const gateway = ofType(platform, "kubernetes:networking.istio.io/v1:Gateway").map(inputs).filter((g) => g.metadata.namespace === "istio-ingress");
        assert.equal(gateway.length, 1);
        assert.deepEqual(gateway[0].spec.servers[0].hosts, [
            "istio-ingress/*", "platform/app.example.com", "tenant-acme/acme.app.example.com", "tenant-globex/globex.app.example.com",
        ]);
    });

    it("routes nothing for the platform without a domain, nor for a tenant without hosts", () => {
        const tenant = (name: string, hosts: string[]) => ({ name, group: `${name}-developers`, readSecrets: false, quota: DEFAULT_TENANT_QUOTA, hosts, keyGeneration: 1 });
        assert.deepEqual(ingressRoutes(undefined, [tenant("acme", ["*.acme.example"]), tenant("globex", [])]), [{ namespace: "tenant-acme", hosts: ["*.acme.example"] }]);
        assert.deepEqual(ingressRoutes("app.example.com", []), [{ namespace: "platform", hosts: ["app.example.com"] }]);
    });

    it("creates every Kubernetes object through the given provider, with unique URNs", () => {
        for (const r of platform.filter((c) => c.custom && c.type.startsWith("kubernetes:"))) {
            assert.ok(r.provider?.startsWith(`${providerUrn}::`), `${r.urn} uses the cluster provider`);
        }
        const urns = all.map((r) => r.urn);
        assert.equal(new Set(urns).size, urns.length);
    });
});
