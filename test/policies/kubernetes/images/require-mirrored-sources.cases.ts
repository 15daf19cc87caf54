import { resource, ruleCases, unknown, type CaseResource } from "../../../harness/policy-cases";
import type { WireValue } from "../../../../engine/wire";
import { perconaCluster } from "../data/percona-fixtures";
import { compliantPodSpec, container, workload } from "../workloads/workload-fixtures";

const MIRROR = "registry.corp.example:5000/mirror";
const CHARTS = "oci://registry.corp.example:5000/charts";
const ISTIO_REPO = "https://istio-release.storage.googleapis.com/charts";
/** An air-gapped stack as the pack sees it when the team configures the pack rather than the stack. */
const AIR_GAPPED = { "require-mirrored-sources": { allowedRegistries: [MIRROR], allowedChartRepositories: [CHARTS] } };
const mirrored = (repository: string) => `${MIRROR}/${repository}`;

/** A helm.sh/v3 Release of `chart`, from the chart mirror unless `repo` names an index repository. */
function release(chart: string, values: WireValue, repo?: string): CaseResource {
    return resource("kubernetes:helm.sh/v3:Release", chart, {
        name: chart,
        namespace: "platform",
        version: "1.0.0",
        values,
        ...(repo === undefined ? { chart: `${CHARTS}/${chart}` } : { chart, repositoryOpts: { repo } }),
    });
}

const istiod = (values: Record<string, WireValue> = { global: { hub: mirrored("istio"), tag: "1.29.0" } }, repo?: string) => release("istiod", { pilot: { autoscaleMin: 2 }, ...values }, repo);
const snapscheduler = (values: Record<string, WireValue>) => release("snapscheduler", values);
const deployment = (image: string, initImage?: string) => workload("Deployment", "api", compliantPodSpec({
    containers: [container("app", { image })],
    ...(initImage ? { initContainers: [container("migrate", { image: initImage })] } : {}),
}));
const MONGO = { image: mirrored("percona/percona-server-mongodb:8.0.12-4"), initImage: mirrored("percona/percona-server-mongodb-operator:1.21.1") };
const BACKUP = { enabled: true, image: mirrored("percona/percona-backup-mongodb:2.11.0") };

/** `cluster` without spec.image, so the operator falls back to its default image. */
function withoutImage(cluster: CaseResource): CaseResource {
    const { image: _image, ...spec } = cluster.props.spec as Record<string, WireValue>;
    return { ...cluster, props: { ...cluster.props, spec } };
}

export default ruleCases("require-mirrored-sources", {
    compliant: [
        {
            name: "public images and charts on a stack that is not air-gapped",
            resources: [istiod({}, ISTIO_REPO), perconaCluster("orders", { backup: { enabled: true } }), deployment("docker.io/library/nginx:1.27.3")],
        },
        {
            name: "Istio's charts from the chart mirror with global.hub under the registry mirror",
            resources: [istiod(), release("cni", { global: { hub: mirrored("istio") } }), release("base", {})],
            config: AIR_GAPPED,
        },
        { name: "the Percona operator chart with image.repository mirrored", resources: [release("psmdb-operator", { image: { repository: mirrored("percona/percona-server-mongodb-operator"), tag: "1.21.1" }, watchNamespace: "data" })], config: AIR_GAPPED },
        {
            name: "snapscheduler with its own and its RBAC proxy's image mirrored",
            resources: [snapscheduler({ image: { image: mirrored("backube/snapscheduler:3.5.0") }, rbacProxy: { image: { image: mirrored("brancz/kube-rbac-proxy:v0.19.1") } } })],
            config: AIR_GAPPED,
        },
        { name: "the policy-controller chart with its webhook's image mirrored, by digest", resources: [release("policy-controller", { webhook: { image: { repository: mirrored("sigstore/policy-controller/policy-controller"), version: `sha256:${"0b".repeat(32)}` } } })], config: AIR_GAPPED },
        { name: "an image given as {registry, repository} under the mirror", resources: [release("psmdb-operator", { image: { registry: MIRROR, repository: "percona/percona-server-mongodb-operator", tag: "1.21.1" } })], config: AIR_GAPPED },
        { name: "a PerconaServerMongoDB with its image, init image and backup agent mirrored", resources: [perconaCluster("orders", { ...MONGO, backup: BACKUP })], config: AIR_GAPPED },
        { name: "a Deployment whose containers come from the mirror", resources: [deployment(mirrored("payments/api:1.14.2"), mirrored("payments/migrate:1.14.2"))], config: AIR_GAPPED },
        {
            name: "an https chart mirror given with a trailing slash",
            resources: [istiod(undefined, "https://charts.corp.example/istio")],
            config: { "require-mirrored-sources": { allowedRegistries: [MIRROR], allowedChartRepositories: ["https://charts.corp.example/"] } },
        },
    ],
    violating: [
        {
            name: "a helm.sh/v4 Chart from an https repository outside the allowed chart repositories",
            resources: [resource("kubernetes:helm.sh/v4:Chart", "cert-manager", { name: "cert-manager", chart: "cert-manager", repositoryOpts: { repo: "https://charts.jetstack.io" }, values: {} })],
            config: AIR_GAPPED,
            message: /Chart cert-manager installs its chart from https:\/\/charts.jetstack.io, outside the chart mirror/,
        },
        {
            name: "a chart from an https repository outside the allowed chart repositories",
            resources: [istiod(undefined, ISTIO_REPO)],
            config: AIR_GAPPED,
            message: /Release istiod installs its chart from https:\/\/istio-release.storage.googleapis.com\/charts, outside the chart mirror \(oci:\/\/registry.corp.example:5000\/charts\)/,
        },
        {
            name: "an OCI chart under a look-alike path of the chart mirror",
            resources: [resource("kubernetes:helm.sh/v3:Release", "istiod", { name: "istiod", chart: "oci://registry.corp.example:5000/charts-public/istiod", values: { global: { hub: mirrored("istio") } } })],
            config: AIR_GAPPED,
            message: /Release istiod installs its chart from oci:\/\/registry.corp.example:5000\/charts-public\/istiod, outside the chart mirror/,
        },
        {
            name: "a chart from an upstream repository where only images are restricted",
            resources: [istiod(undefined, ISTIO_REPO)],
            config: { "require-mirrored-sources": { allowedRegistries: [MIRROR] } },
            message: /installs its chart from https:\/\/istio-release.storage.googleapis.com\/charts, outside the chart mirror \(none configured\)/,
        },
        { name: "istiod without global.hub", resources: [istiod({})], config: AIR_GAPPED, message: /Release istiod leaves values.global.hub unset: chart istiod then pulls that image from its public registry/ },
        { name: "istiod with global.hub on Docker Hub", resources: [istiod({ global: { hub: "docker.io/istio" } })], config: AIR_GAPPED, message: /Release istiod \(values.global.hub\) pulls docker.io\/istio, outside the mirror \(registry.corp.example:5000\/mirror\)/ },
        {
            name: "snapscheduler without its RBAC proxy's image",
            resources: [snapscheduler({ image: { image: mirrored("backube/snapscheduler:3.5.0") } })],
            config: AIR_GAPPED,
            message: /Release snapscheduler leaves values.rbacProxy.image.image \(or values.rbacProxy.image.repository\) unset/,
        },
        { name: "the Percona operator chart without image.repository", resources: [release("psmdb-operator", { watchNamespace: "data" })], config: AIR_GAPPED, message: /Release psmdb-operator leaves values.image.repository unset/ },
        { name: "the policy-controller chart without its webhook's image", resources: [release("policy-controller", { webhook: { replicaCount: 2 } })], config: AIR_GAPPED, message: /Release policy-controller leaves values.webhook.image.repository unset: chart policy-controller then pulls that image from its public registry/ },
        {
            name: "an image given as {registry, repository} outside the mirror",
            resources: [release("psmdb-operator", { image: { registry: "docker.io", repository: "percona/percona-server-mongodb-operator", tag: "1.21.1" } })],
            config: AIR_GAPPED,
            message: /Release psmdb-operator \(values.image.repository\) pulls docker.io\/percona\/percona-server-mongodb-operator, outside the mirror/,
        },
        { name: "a PerconaServerMongoDB with backups on and no backup.image", resources: [perconaCluster("orders", { ...MONGO, backup: { enabled: true } })], config: AIR_GAPPED, message: /PerconaServerMongoDB orders enables backups without spec.backup.image: the backup agent then comes from a public registry/ },
        {
            name: "a PerconaServerMongoDB image from Docker Hub",
            resources: [perconaCluster("orders", { ...MONGO, image: "docker.io/percona/percona-server-mongodb:8.0.12-4" })],
            config: AIR_GAPPED,
            message: /PerconaServerMongoDB orders \(spec.image\) pulls docker.io\/percona\/percona-server-mongodb:8.0.12-4, outside the mirror/,
        },
        { name: "a PerconaServerMongoDB without spec.image", resources: [withoutImage(perconaCluster("orders", { initImage: MONGO.initImage }))], config: AIR_GAPPED, message: /PerconaServerMongoDB orders sets no spec.image/ },
        {
            name: "a PerconaServerMongoDB with a backup agent from Docker Hub",
            resources: [perconaCluster("orders", { ...MONGO, backup: { enabled: true, image: "percona/percona-backup-mongodb:2.11.0" } })],
            config: AIR_GAPPED,
            message: /PerconaServerMongoDB orders \(spec.backup.image\) pulls percona\/percona-backup-mongodb:2.11.0, outside the mirror/,
        },
        { name: "a Deployment container from Docker Hub", resources: [deployment("docker.io/library/nginx:1.27.3")], config: AIR_GAPPED, message: /Deployment api container app pulls docker.io\/library\/nginx:1.27.3, outside the mirror \(registry.corp.example:5000\/mirror\)/ },
        { name: "a Deployment init container from Docker Hub", resources: [deployment(mirrored("payments/api:1.14.2"), "busybox:1.37")], config: AIR_GAPPED, message: /Deployment api init container migrate pulls busybox:1.37, outside the mirror/ },
        {
            name: "an image on a host that merely starts with the mirror's name",
            resources: [deployment("registry.corp.evil.com/payments/api:1.14.2")],
            config: { "require-mirrored-sources": { allowedRegistries: ["registry.corp"] } },
            message: /Deployment api container app pulls registry.corp.evil.com\/payments\/api:1.14.2, outside the mirror \(registry.corp\)/,
        },
        { name: "an image under a look-alike path of the mirror", resources: [deployment("registry.corp.example:5000/mirror-public/payments/api:1.14.2")], config: AIR_GAPPED, message: /pulls registry.corp.example:5000\/mirror-public\/payments\/api:1.14.2, outside the mirror/ },
    ],
    unknown: [
        { name: "a container image not known yet", resources: [deployment(unknown)], config: AIR_GAPPED },
        { name: "a Release's values not known yet", resources: [release("istiod", unknown)], config: AIR_GAPPED },
    ],
});
