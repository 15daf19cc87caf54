import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { istiod } from "./istio-fixtures";

export default ruleCases("restrict-mesh-outbound-traffic", {
    compliant: [
        { name: "istiod as a Release with REGISTRY_ONLY", resources: [istiod({ outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } })] },
        { name: "istiod as a v4 Chart from an OCI mirror with REGISTRY_ONLY", resources: [istiod({ outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } }, { version: "v4", chart: "oci://registry.internal/istio/istiod" })] },
        { name: "another chart is not judged", resources: [resource("kubernetes:helm.sh/v3:Release", "redis", { chart: "redis", values: {} })] },
    ],
    violating: [
        { name: "istiod with ALLOW_ANY", resources: [istiod({ outboundTrafficPolicy: { mode: "ALLOW_ANY" } })], message: /istiod values set meshConfig\.outboundTrafficPolicy\.mode ALLOW_ANY/ },
        { name: "istiod with the default policy", resources: [istiod(undefined, { version: "v4" })], message: /not at all \(ALLOW_ANY by default\)/ },
        { name: "istiod from a mirror by a repository path", resources: [istiod({}, { chart: "mirror/istiod", repo: "https://charts.internal" })], message: /ALLOW_ANY by default/ },
    ],
    unknown: [
        { name: "values not known yet", resources: [istiod({ outboundTrafficPolicy: { mode: unknown } })] },
    ],
});
