import { ruleCases, unknown } from "../../../harness/policy-cases";
import { helmChart, istiod, istioObject, OCI_ISTIOD } from "./istio-fixtures";

const sidecar = (namespace: string, spec: unknown, options: { version?: string; patch?: boolean } = {}) => istioObject("Sidecar", "default", namespace, spec, options);

const outbound = (mode: unknown) => ({ outboundTrafficPolicy: { mode }, meshMTLS: { minProtocolVersion: "TLSV1_3" } });

export default ruleCases("restrict-mesh-outbound-traffic", {
    compliant: [
        { name: "a namespace Sidecar limiting egress hosts and keeping REGISTRY_ONLY", resources: [sidecar("tenant-acme", { egress: [{ hosts: ["./*", "istio-system/*"] }], outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } })] },
        { name: "a v1beta1 workload Sidecar that leaves the outbound policy to the mesh", resources: [sidecar("tenant-acme", { workloadSelector: { labels: { app: "api" } }, egress: [{ hosts: ["./*"] }] }, { version: "v1beta1" })] },
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
        { name: "a namespace Sidecar allowing any host", resources: [sidecar("tenant-acme", { outboundTrafficPolicy: { mode: "ALLOW_ANY" } })], message: /Sidecar tenant-acme\/default sets outboundTrafficPolicy\.mode ALLOW_ANY: the workloads it selects may call any host, overriding the mesh's REGISTRY_ONLY/ },
        { name: "a v1alpha3 workload Sidecar allowing any host through an egress proxy", resources: [sidecar("tenant-acme", { workloadSelector: { labels: { app: "api" } }, outboundTrafficPolicy: { mode: "ALLOW_ANY", egressProxy: { host: "proxy.tenant-acme.svc.cluster.local", port: { number: 3128 } } } }, { version: "v1alpha3" })], message: /Sidecar tenant-acme\/default sets outboundTrafficPolicy\.mode ALLOW_ANY/ },
        { name: "a SidecarPatch allowing any host", resources: [sidecar("tenant-acme", { outboundTrafficPolicy: { mode: "ALLOW_ANY" } }, { patch: true })], message: /Sidecar tenant-acme\/default sets outboundTrafficPolicy\.mode ALLOW_ANY/ },
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
        { name: "a Sidecar's outbound mode not known yet", resources: [sidecar("tenant-acme", { outboundTrafficPolicy: { mode: unknown } })] },
        { name: "the mode not known yet", resources: [istiod(outbound(unknown))] },
        { name: "values not known yet, in a v4 Chart", resources: [helmChart("istiod", unknown, { kind: "Chart" })] },
    ],
});
