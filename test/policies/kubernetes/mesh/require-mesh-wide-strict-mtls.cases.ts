import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { helmChart, istiod, meshWideStrict, OCI_ISTIOD, peerAuthentication } from "./istio-fixtures";

const RULE = "require-mesh-wide-strict-mtls";
const meshConfig = { outboundTrafficPolicy: { mode: "REGISTRY_ONLY" }, meshMTLS: { minProtocolVersion: "TLSV1_3" } };
const release = istiod(meshConfig);
const chart = istiod(meshConfig, { kind: "Chart" });
const payments = resource("kubernetes:core/v1:Namespace", "payments", { apiVersion: "v1", kind: "Namespace", metadata: { name: "payments", labels: { "istio-injection": "enabled" } } });

export default ruleCases(RULE, {
    compliant: [
        { name: "istiod as a Release with a mesh-wide STRICT policy", resources: [release, meshWideStrict] },
        {
            name: "istiod as a v4 Chart with a mesh-wide STRICT policy and namespace policies",
            resources: [chart, meshWideStrict, payments, peerAuthentication("default", "payments", { mtls: { mode: "UNSET" } })],
        },
        { name: "a mesh-wide STRICT policy of the v1beta1 API", resources: [release, peerAuthentication("default", "istio-system", { mtls: { mode: "STRICT" } }, "v1beta1")] },
        { name: "istiod from an OCI mirror with a mesh-wide STRICT policy", resources: [istiod(meshConfig, { kind: "Chart", chart: OCI_ISTIOD, repo: null }), meshWideStrict] },
        { name: "a stack without Istio", resources: [payments, helmChart("redis", { architecture: "replication" }, { chart: "oci://registry-1.docker.io/bitnamicharts/redis", repo: null, namespace: "cache" })] },
        { name: "an empty stack", resources: [] },
        {
            name: "a custom root namespace",
            resources: [istiod({ ...meshConfig, rootNamespace: "mesh-root" }), peerAuthentication("default", "mesh-root", { mtls: { mode: "STRICT" } })],
            config: { [RULE]: { rootNamespace: "mesh-root" } },
        },
    ],
    violating: [
        {
            name: "a STRICT and a PERMISSIVE mesh-wide policy side by side (Istio applies only the oldest)",
            resources: [release, meshWideStrict, peerAuthentication("legacy-permissive", "istio-system", { mtls: { mode: "PERMISSIVE" } })],
            message: /The mesh-wide PeerAuthentication istio-system\/legacy-permissive is not STRICT \(mode PERMISSIVE\)/,
        },
        { name: "istiod without any PeerAuthentication", resources: [release, payments], message: /The stack installs Istio but has no selector-less PeerAuthentication in istio-system: plaintext is accepted/ },
        { name: "istiod from an OCI mirror without any PeerAuthentication", resources: [istiod(meshConfig, { chart: OCI_ISTIOD, repo: null })], message: /no selector-less PeerAuthentication in istio-system/ },
        {
            name: "istiod through a repository alias of a mirror without any PeerAuthentication",
            resources: [istiod(meshConfig, { kind: "Chart", chart: "istio-mirror/istiod", repo: "https://charts.example.com/istio" })],
            message: /no selector-less PeerAuthentication in istio-system/,
        },
        {
            name: "Istio resources without istiod in the stack (installed by another stack)",
            resources: [peerAuthentication("default", "payments", { mtls: { mode: "STRICT" } })],
            message: /The stack installs Istio but has no selector-less PeerAuthentication in istio-system/,
        },
        {
            name: "a PERMISSIVE mesh-wide policy",
            resources: [release, peerAuthentication("default", "istio-system", { mtls: { mode: "PERMISSIVE" } })],
            message: /The mesh-wide PeerAuthentication istio-system\/default is not STRICT \(mode PERMISSIVE\)/,
        },
        {
            name: "a mesh-wide policy without a mode",
            resources: [chart, peerAuthentication("default", "istio-system", {}, "v1beta1")],
            message: /The mesh-wide PeerAuthentication istio-system\/default is not STRICT \(mode UNSET, i\.e\. PERMISSIVE\)/,
        },
        {
            name: "STRICT only in one namespace, installed from a v4 Chart",
            resources: [istiod(undefined, { kind: "Chart" }), peerAuthentication("default", "payments", { mtls: { mode: "STRICT" } })],
            message: /no selector-less PeerAuthentication in istio-system/,
        },
        {
            name: "the root policy selects only some workloads",
            resources: [release, peerAuthentication("istiod", "istio-system", { selector: { matchLabels: { app: "istiod" } }, mtls: { mode: "STRICT" } })],
            message: /no selector-less PeerAuthentication in istio-system/,
        },
        {
            name: "STRICT in istio-system where the mesh's root namespace is another",
            resources: [release, meshWideStrict],
            config: { [RULE]: { rootNamespace: "mesh-root" } },
            message: /no selector-less PeerAuthentication in mesh-root/,
        },
    ],
    unknown: [
        { name: "the mesh-wide mode not known yet", resources: [release, peerAuthentication("default", "istio-system", { mtls: { mode: unknown } })] },
    ],
});
