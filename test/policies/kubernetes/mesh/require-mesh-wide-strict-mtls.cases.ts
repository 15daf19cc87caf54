import { resource, ruleCases } from "../../../harness/policy-cases";
import { istiod, meshWideStrict, peerAuthentication } from "./istio-fixtures";

const registryOnly = istiod({ outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } });

export default ruleCases("require-mesh-wide-strict-mtls", {
    compliant: [
        { name: "istiod with a mesh-wide STRICT policy", resources: [registryOnly, meshWideStrict] },
        { name: "a stack without Istio", resources: [resource("kubernetes:core/v1:Namespace", "payments", { metadata: { name: "payments" } })] },
        { name: "a custom root namespace", resources: [registryOnly, peerAuthentication("default", "mesh-root", { mtls: { mode: "STRICT" } })], config: { "require-mesh-wide-strict-mtls": { rootNamespace: "mesh-root" } } },
    ],
    violating: [
        { name: "istiod without any PeerAuthentication", resources: [registryOnly], message: /installs Istio but has no selector-less PeerAuthentication in istio-system/ },
        { name: "a PERMISSIVE mesh-wide policy", resources: [registryOnly, peerAuthentication("default", "istio-system", { mtls: { mode: "PERMISSIVE" } })], message: /The mesh-wide PeerAuthentication in istio-system is not STRICT \(mode PERMISSIVE\)/ },
        { name: "STRICT only in one namespace, installed from a v4 Chart", resources: [istiod(undefined, { version: "v4" }), peerAuthentication("default", "payments", { mtls: { mode: "STRICT" } })], message: /no selector-less PeerAuthentication in istio-system/ },
        {
            name: "the root policy selects only some workloads",
            resources: [registryOnly, peerAuthentication("default", "istio-system", { selector: { matchLabels: { app: "istiod" } }, mtls: { mode: "STRICT" } })],
            message: /no selector-less PeerAuthentication in istio-system/,
        },
    ],
});
