import { ruleCases, unknown } from "../../../harness/policy-cases";
import { istiod } from "./istio-fixtures";

export default ruleCases("require-mesh-min-tls-version", {
    compliant: [
        { name: "mesh mTLS TLS 1.3 only", resources: [istiod({ meshMTLS: { minProtocolVersion: "TLSV1_3" } })] },
        { name: "TLS 1.2 where the team allows it", resources: [istiod({ meshMTLS: { minProtocolVersion: "TLSV1_2" } }, { version: "v4" })], config: { "require-mesh-min-tls-version": { minimumVersion: "TLSV1_2" } } },
    ],
    violating: [
        { name: "TLS 1.2 by default", resources: [istiod(undefined)], message: /minProtocolVersion not at all \(TLSV1_2 by default\); TLSV1_3 or newer is required/ },
        { name: "TLS 1.2 set explicitly, in a v4 Chart", resources: [istiod({ meshMTLS: { minProtocolVersion: "TLSV1_2" } }, { version: "v4" })], message: /minProtocolVersion TLSV1_2; TLSV1_3 or newer is required/ },
    ],
    unknown: [
        { name: "the version not known yet", resources: [istiod({ meshMTLS: { minProtocolVersion: unknown } })] },
    ],
});
