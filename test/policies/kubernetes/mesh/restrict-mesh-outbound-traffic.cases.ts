import { ruleCases, unknown } from "../../../harness/policy-cases";
import { helmChart, istiod, OCI_ISTIOD } from "./istio-fixtures";

const outbound = (mode: unknown) => ({ outboundTrafficPolicy: { mode }, meshMTLS: { minProtocolVersion: "TLSV1_3" } });

export default ruleCases("restrict-mesh-outbound-traffic", {
    compliant: [
        { name: "istiod as a Release with REGISTRY_ONLY", resources: [istiod(outbound("REGISTRY_ONLY"))] },
        { name: "istiod as a v4 Chart with REGISTRY_ONLY", resources: [istiod(outbound("REGISTRY_ONLY"), { kind: "Chart" })] },
        { name: "istiod as a v4 Chart from an OCI mirror with REGISTRY_ONLY", resources: [istiod(outbound("REGISTRY_ONLY"), { kind: "Chart", chart: OCI_ISTIOD, repo: null })] },
        { name: "istiod through a repository alias of a mirror with REGISTRY_ONLY", resources: [istiod(outbound("REGISTRY_ONLY"), { chart: "istio-mirror/istiod", repo: "https://charts.example.com/istio" })] },
        {
            name: "Istio's other charts and unrelated charts are not judged",
            resources: [
                helmChart("base", { defaultRevision: "default" }),
                helmChart("gateway", {}, { kind: "Chart", namespace: "istio-ingress" }),
                helmChart("redis", { architecture: "replication" }, { chart: "oci://registry-1.docker.io/bitnamicharts/redis", repo: null, namespace: "cache" }),
                helmChart("istiod-dashboards", {}, { repo: "https://charts.example.com/grafana", namespace: "monitoring" }),
            ],
        },
    ],
    violating: [
        {
            name: "istiod installed from a chart archive URL, with the default policy",
            resources: [istiod(undefined, { chart: "https://charts.example.com/istio/istiod-1.29.0.tgz", repo: null })],
            message: /ALLOW_ANY by default/,
        },
        {
            name: "istiod from an OCI reference pinned by digest, with ALLOW_ANY",
            resources: [istiod({ outboundTrafficPolicy: { mode: "ALLOW_ANY" } }, { kind: "Chart", chart: `oci://registry.example.com/istio/istiod@sha256:${"ab".repeat(32)}`, repo: null })],
            message: /outboundTrafficPolicy\.mode ALLOW_ANY/,
        },
        { name: "istiod with ALLOW_ANY", resources: [istiod(outbound("ALLOW_ANY"))], message: /istiod values set meshConfig\.outboundTrafficPolicy\.mode ALLOW_ANY: any workload may call any host\./ },
        { name: "istiod as a v4 Chart with the default policy", resources: [istiod(undefined, { kind: "Chart" })], message: /istiod values set meshConfig\.outboundTrafficPolicy\.mode not at all \(ALLOW_ANY by default\)/ },
        { name: "istiod with meshConfig but no outbound policy", resources: [istiod({ meshMTLS: { minProtocolVersion: "TLSV1_3" } })], message: /outboundTrafficPolicy\.mode not at all \(ALLOW_ANY by default\)/ },
        { name: "istiod from an OCI mirror with ALLOW_ANY", resources: [istiod(outbound("ALLOW_ANY"), { chart: OCI_ISTIOD, repo: null })], message: /outboundTrafficPolicy\.mode ALLOW_ANY/ },
        {
            name: "istiod through a repository alias of a mirror, with its defaults",
            resources: [istiod(undefined, { kind: "Chart", chart: "istio-mirror/istiod", repo: "https://charts.example.com/istio" })],
            message: /ALLOW_ANY by default/,
        },
    ],
    unknown: [
        { name: "the mode not known yet", resources: [istiod(outbound(unknown))] },
        { name: "values not known yet, in a v4 Chart", resources: [helmChart("istiod", unknown, { kind: "Chart" })] },
    ],
});
