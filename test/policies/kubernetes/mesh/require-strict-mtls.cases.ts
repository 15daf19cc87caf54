import { ruleCases, unknown } from "../../../harness/policy-cases";
import { meshWideStrict, peerAuthentication } from "./istio-fixtures";

export default ruleCases("require-strict-mtls", {
    compliant: [
        { name: "the mesh-wide STRICT policy", resources: [meshWideStrict] },
        { name: "a namespace inheriting (UNSET)", resources: [peerAuthentication("default", "payments", { mtls: { mode: "UNSET" } })] },
        { name: "a v1beta1 policy STRICT on a port", resources: [peerAuthentication("api", "payments", { selector: { matchLabels: { app: "api" } }, portLevelMtls: { 8080: { mode: "STRICT" } } }, "v1beta1")] },
    ],
    violating: [
        { name: "a namespace accepting plaintext", resources: [peerAuthentication("default", "payments", { mtls: { mode: "PERMISSIVE" } })], message: /PeerAuthentication payments\/default sets mtls\.mode PERMISSIVE/ },
        { name: "a v1beta1 policy disabling mTLS", resources: [peerAuthentication("legacy", "billing", { mtls: { mode: "DISABLE" } }, "v1beta1")], message: /PeerAuthentication billing\/legacy sets mtls\.mode DISABLE/ },
        {
            name: "one port opened to plaintext",
            resources: [peerAuthentication("metrics", "payments", { selector: { matchLabels: { app: "api" } }, mtls: { mode: "STRICT" }, portLevelMtls: { 9090: { mode: "PERMISSIVE" } } })],
            message: /sets portLevelMtls\[9090\]\.mode PERMISSIVE/,
        },
    ],
    unknown: [
        { name: "the mode not known yet", resources: [peerAuthentication("later", "payments", { mtls: { mode: unknown } })] },
    ],
});
