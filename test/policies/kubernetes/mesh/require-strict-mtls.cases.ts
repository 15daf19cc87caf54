import { ruleCases, unknown } from "../../../harness/policy-cases";
import { istioObject, meshWideStrict, peerAuthentication } from "./istio-fixtures";

const patch = (name: string, namespace: string, spec: unknown) => istioObject("PeerAuthentication", name, namespace, spec, { patch: true });

const api = { matchLabels: { "app.kubernetes.io/name": "payments-api" } };

export default ruleCases("require-strict-mtls", {
    compliant: [
        { name: "a PeerAuthenticationPatch keeping STRICT and adding a selector", resources: [patch("default", "payments", { selector: api, mtls: { mode: "STRICT" } })] },
        { name: "the mesh-wide STRICT policy", resources: [meshWideStrict] },
        { name: "a v1beta1 namespace policy, STRICT", resources: [peerAuthentication("default", "payments", { mtls: { mode: "STRICT" } }, "v1beta1")] },
        { name: "a namespace inheriting (UNSET)", resources: [peerAuthentication("default", "payments", { mtls: { mode: "UNSET" } })] },
        { name: "a workload policy that leaves mtls to its parent", resources: [peerAuthentication("api", "payments", { selector: api })] },
        {
            name: "a v1beta1 workload policy STRICT on a port and inheriting on another",
            resources: [peerAuthentication("api", "payments", { selector: api, portLevelMtls: { 8080: { mode: "STRICT" }, 8443: { mode: "UNSET" } } }, "v1beta1")],
        },
        { name: "a v1 workload policy, STRICT everywhere", resources: [peerAuthentication("api", "payments", { selector: api, mtls: { mode: "STRICT" }, portLevelMtls: { 15090: { mode: "STRICT" } } })] },
    ],
    violating: [
        { name: "a PeerAuthenticationPatch opening the mesh-wide policy", resources: [patch("default", "istio-system", { mtls: { mode: "PERMISSIVE" } })], message: /PeerAuthentication istio-system\/default sets mtls\.mode PERMISSIVE/ },
        { name: "a PeerAuthenticationPatch disabling mTLS on one port", resources: [patch("api", "payments", { portLevelMtls: { 8080: { mode: "DISABLE" } } })], message: /PeerAuthentication payments\/api sets portLevelMtls\[8080\]\.mode DISABLE/ },
        { name: "a namespace accepting plaintext", resources: [peerAuthentication("default", "payments", { mtls: { mode: "PERMISSIVE" } })], message: /PeerAuthentication payments\/default sets mtls\.mode PERMISSIVE: workloads it selects accept plaintext traffic\./ },
        { name: "a mesh-wide PERMISSIVE policy", resources: [peerAuthentication("default", "istio-system", { mtls: { mode: "PERMISSIVE" } })], message: /PeerAuthentication istio-system\/default sets mtls\.mode PERMISSIVE/ },
        { name: "a v1beta1 policy disabling mTLS", resources: [peerAuthentication("legacy", "billing", { mtls: { mode: "DISABLE" } }, "v1beta1")], message: /PeerAuthentication billing\/legacy sets mtls\.mode DISABLE/ },
        {
            name: "one port opened to plaintext in a v1 policy",
            resources: [peerAuthentication("metrics", "payments", { selector: api, mtls: { mode: "STRICT" }, portLevelMtls: { 9090: { mode: "PERMISSIVE" } } })],
            message: /PeerAuthentication payments\/metrics sets portLevelMtls\[9090\]\.mode PERMISSIVE: that port accepts plaintext traffic\./,
        },
        {
            name: "one port with mTLS disabled in a v1beta1 policy",
            resources: [peerAuthentication("probe", "payments", { selector: api, portLevelMtls: { 8081: { mode: "DISABLE" } } }, "v1beta1")],
            message: /PeerAuthentication payments\/probe sets portLevelMtls\[8081\]\.mode DISABLE/,
        },
    ],
    unknown: [
        { name: "the mode not known yet", resources: [peerAuthentication("later", "payments", { mtls: { mode: unknown } })] },
        { name: "a port's mode not known yet, in a v1beta1 policy", resources: [peerAuthentication("later", "payments", { selector: api, portLevelMtls: { 8080: { mode: unknown } } }, "v1beta1")] },
    ],
});
