import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { helmChart, ISTIO_REPO, istiod } from "../mesh/istio-fixtures";

const RULE = "require-pinned-helm-charts";
const PERCONA_REPO = "https://percona.github.io/percona-helm-charts/";

/** A release of `chart` with `props` replacing the fixture's (undefined removes one). */
function release(chart: string, props: Record<string, unknown>, kind: "Release" | "Chart" = "Release") {
    const base = helmChart(chart, {}, { kind });
    const merged = Object.fromEntries(Object.entries({ ...base.props, ...props }).filter(([, v]) => v !== undefined));
    return resource(base.type, base.name, merged as typeof base.props);
}

export default ruleCases(RULE, {
    compliant: [
        { name: "istiod pinned from Istio's repository", resources: [istiod({ outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } })] },
        { name: "the Percona operator pinned from Percona's repository (trailing slash)", resources: [release("psmdb-operator", { version: "1.22.0", repositoryOpts: { repo: PERCONA_REPO } })] },
        { name: "snapscheduler pinned as a helm.sh/v4 Chart", resources: [release("snapscheduler", { version: "3.5.0", repositoryOpts: { repo: "https://backube.github.io/helm-charts" } }, "Chart")] },
        { name: "Sigstore's policy-controller pinned from its repository", resources: [release("policy-controller", { version: "0.10.6", repositoryOpts: { repo: "https://sigstore.github.io/helm-charts" } })] },
        { name: "an OCI chart pinned by digest, from an approved registry", resources: [release("istiod", { chart: `oci://registry.example.com/charts/istiod@sha256:${"ab".repeat(32)}`, version: undefined, repositoryOpts: undefined })], config: { [RULE]: { allowedChartRepositories: ["oci://registry.example.com/charts"] } } },
        { name: "a chart from the program's own folder", resources: [release("./charts/payments", { chart: "./charts/payments", version: undefined, repositoryOpts: undefined })] },
        { name: "a pre-release version pinned exactly", resources: [release("istiod", { version: "1.30.0-beta.1" })] },
    ],
    violating: [
        { name: "no version", resources: [release("istiod", { version: undefined })], message: /Release istiod-release \(chart istiod\) sets no version, so Helm installs whatever is newest when it runs\. Expected an exact chart version\./ },
        { name: "a caret range", resources: [release("istiod", { version: "^1.29.0" })], message: /asks for version "\^1\.29\.0", a range Helm resolves to whatever is newest/ },
        { name: "a wildcard minor", resources: [release("gateway", { version: "1.29.x" })], message: /Release gateway-release \(chart gateway\) asks for version "1\.29\.x"/ },
        { name: "a partial version on a v4 Chart", resources: [release("cni", { version: "1.29" }, "Chart")], message: /Chart cni-chart \(chart cni\) asks for version "1\.29"/ },
        { name: "a repository nobody approved", resources: [release("redis", { version: "20.1.0", repositoryOpts: { repo: "https://charts.example.net/stable" } })], message: /Release redis-release \(chart redis\) comes from https:\/\/charts\.example\.net\/stable, which is not an approved chart repository/ },
        { name: "a look-alike of an approved repository", resources: [release("istiod", { repositoryOpts: { repo: `${ISTIO_REPO}-mirror.attacker.example` } })], message: /comes from https:\/\/istio-release\.storage\.googleapis\.com\/charts-mirror\.attacker\.example, which is not an approved/ },
        { name: "an OCI chart from an unapproved registry, unpinned", resources: [release("istiod", { chart: "oci://ghcr.io/someone/istiod", version: undefined, repositoryOpts: undefined })], message: /comes from oci:\/\/ghcr\.io\/someone, which is not an approved chart repository/ },
        { name: "the platform's repository once the team's list replaces the default", resources: [istiod({})], config: { [RULE]: { allowedChartRepositories: ["oci://registry.example.com/charts"] } }, message: /comes from https:\/\/istio-release\.storage\.googleapis\.com\/charts, which is not an approved/ },
    ],
    unknown: [
        { name: "the version not known yet", resources: [release("istiod", { version: unknown })] },
    ],
});
