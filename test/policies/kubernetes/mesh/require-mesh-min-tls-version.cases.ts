import { ruleCases, unknown } from "../../../harness/policy-cases";
import { helmChart, istiod, OCI_ISTIOD } from "./istio-fixtures";

const RULE = "require-mesh-min-tls-version";
const tls = (minProtocolVersion: unknown) => ({ meshMTLS: { minProtocolVersion }, outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } });

export default ruleCases(RULE, {
    compliant: [
        {
            name: "istiod on Istio's default (TLS 1.2) where the team's minimum is TLS 1.2",
            resources: [istiod({ outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } })],
            config: { [RULE]: { minimumVersion: "TLSV1_2" } },
        },
        { name: "istiod as a Release, TLS 1.3 only", resources: [istiod(tls("TLSV1_3"))] },
        { name: "istiod as a v4 Chart, TLS 1.3 only", resources: [istiod(tls("TLSV1_3"), { kind: "Chart" })] },
        { name: "istiod from an OCI mirror, TLS 1.3 only", resources: [istiod(tls("TLSV1_3"), { kind: "Chart", chart: OCI_ISTIOD, repo: null })] },
        { name: "istiod through a repository alias of a mirror, TLS 1.3 only", resources: [istiod(tls("TLSV1_3"), { chart: "istio-mirror/istiod", repo: "https://charts.example.com/istio" })] },
        {
            name: "Istio's other charts and unrelated charts are not judged",
            resources: [
                helmChart("base", { defaultRevision: "default" }),
                helmChart("gateway", { service: { type: "LoadBalancer" } }, { kind: "Chart", namespace: "istio-ingress" }),
                helmChart("cni", { profile: "ambient" }, { namespace: "istio-cni" }),
                helmChart("redis", { architecture: "replication" }, { chart: "oci://registry-1.docker.io/bitnamicharts/redis", repo: null, namespace: "cache" }),
            ],
        },
        { name: "TLS 1.2 where the team allows it", resources: [istiod(tls("TLSV1_2"), { kind: "Chart" })], config: { [RULE]: { minimumVersion: "TLSV1_2" } } },
        { name: "TLS 1.3 where the team allows 1.2", resources: [istiod(tls("TLSV1_3"))], config: { [RULE]: { minimumVersion: "TLSV1_2" } } },
    ],
    violating: [
        { name: "a Release without meshConfig: TLS 1.2 by default", resources: [istiod(undefined)], message: /istiod values set meshConfig\.meshMTLS\.minProtocolVersion not at all \(TLSV1_2 by default\); TLSV1_3 or newer is required\./ },
        { name: "a v4 Chart with meshConfig but no meshMTLS", resources: [istiod({ outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } }, { kind: "Chart" })], message: /minProtocolVersion not at all \(TLSV1_2 by default\); TLSV1_3 or newer is required/ },
        { name: "TLS 1.2 set explicitly, in a v4 Chart", resources: [istiod(tls("TLSV1_2"), { kind: "Chart" })], message: /istiod values set meshConfig\.meshMTLS\.minProtocolVersion TLSV1_2; TLSV1_3 or newer is required/ },
        { name: "istiod from an OCI mirror with TLS 1.2", resources: [istiod(tls("TLSV1_2"), { chart: OCI_ISTIOD, repo: null })], message: /minProtocolVersion TLSV1_2; TLSV1_3 or newer is required/ },
        {
            name: "istiod through a repository alias of a mirror, with its defaults",
            resources: [istiod(undefined, { kind: "Chart", chart: "istio-mirror/istiod", repo: "https://charts.example.com/istio" })],
            message: /minProtocolVersion not at all \(TLSV1_2 by default\)/,
        },
        { name: "TLS 1.1 where the team allows 1.2", resources: [istiod(tls("TLSV1_1"))], config: { [RULE]: { minimumVersion: "TLSV1_2" } }, message: /minProtocolVersion TLSV1_1; TLSV1_2 or newer is required/ },
        { name: "a value istiod does not know", resources: [istiod(tls("TLS_AUTO"))], message: /minProtocolVersion TLS_AUTO; TLSV1_3 or newer is required/ },
    ],
    unknown: [
        { name: "the version not known yet", resources: [istiod(tls(unknown))] },
        { name: "meshConfig not known yet, in a v4 Chart", resources: [istiod(unknown, { kind: "Chart" })] },
    ],
});
