import { ruleCases, unknown } from "../../../harness/policy-cases";
import { compliantPodSpec, container, DIGEST, ephemeralContainer, everyKind, workload } from "./workload-fixtures";

const running = (image: unknown) => compliantPodSpec({ containers: [container("app", { image })] });
const MIRROR = { "require-trusted-images": { allowedRegistries: ["registry.example.com"] } };

export default ruleCases("require-trusted-images", {
    compliant: [
        { name: "the restricted pod spec, pinned by digest, in every workload kind", resources: everyKind("payments-api", compliantPodSpec()) },
        { name: "a Docker Hub image pinned by digest", resources: [workload("Deployment", "web", running(`nginx@${DIGEST}`))] },
        { name: "an image pinned by both tag and digest", resources: [workload("StatefulSet", "postgres", running(`docker.io/library/postgres:16.4@${DIGEST}`))] },
        {
            name: "a Job whose init and ephemeral containers are pinned by digest too",
            resources: [workload("Job", "migrate", compliantPodSpec({ initContainers: [container("wait-for-db")], ephemeralContainers: [ephemeralContainer("debugger")] }))],
        },
        {
            name: "a versioned tag from a registry the team approves",
            resources: [workload("Deployment", "api", running("registry.example.com/payments/api:1.14.2"))],
            config: MIRROR,
        },
        {
            name: "a versioned tag from an approved mirror with a port",
            resources: [workload("CronJob", "report", running("mirror.internal:5000/tools/report:2024.06.1"))],
            config: { "require-trusted-images": { allowedRegistries: ["mirror.internal:5000"] } },
        },
        {
            name: "a versioned Docker Hub tag where the team approves Docker Hub",
            resources: [workload("Deployment", "proxy", running("nginx:1.27.3"))],
            config: { "require-trusted-images": { allowedRegistries: ["docker.io"] } },
        },
        {
            name: "a tagged upstream image in kube-system, exempt by default",
            resources: [workload("DaemonSet", "kube-proxy", running("registry.k8s.io/kube-proxy:v1.31.2"), "kube-system")],
        },
        {
            name: "a tagged upstream image where the team exempts its namespace",
            resources: [workload("Deployment", "cert-manager", running("quay.io/jetstack/cert-manager-controller:v1.16.1"), "cert-manager")],
            config: { "require-trusted-images": { exemptNamespaces: ["kube-system", "cert-manager"] } },
        },
    ],
    violating: [
        {
            name: "a Pod running nginx:latest",
            resources: [workload("Pod", "web", running("nginx:latest"))],
            message: /Pod web: container app uses nginx:latest, which is neither pinned by digest nor from an approved registry\./,
        },
        {
            name: "a PodTemplate running an untagged Docker Hub image",
            resources: [workload("PodTemplate", "cache", running("redis"))],
            message: /PodTemplate cache: container app uses redis, which is neither pinned by digest nor from an approved registry\./,
        },
        {
            name: "a ReplicationController running a tagged image from an unapproved registry",
            resources: [workload("ReplicationController", "worker", running("ghcr.io/acme/worker:v2.3.0"))],
            config: MIRROR,
            message: /ReplicationController worker: container app uses ghcr\.io\/acme\/worker:v2\.3\.0, which is neither pinned by digest nor from an approved registry\./,
        },
        {
            name: "a Deployment running latest from the approved registry",
            resources: [workload("Deployment", "api", running("registry.example.com/payments/api:latest"))],
            config: MIRROR,
            message: /Deployment api: container app uses registry\.example\.com\/payments\/api:latest without an explicit version tag\./,
        },
        {
            name: "a StatefulSet running an untagged image from the approved registry",
            resources: [workload("StatefulSet", "ledger", running("registry.example.com/payments/ledger"))],
            config: MIRROR,
            message: /StatefulSet ledger: container app uses registry\.example\.com\/payments\/ledger without an explicit version tag\./,
        },
        {
            name: "a DaemonSet whose init container runs a tagged Docker Hub image",
            resources: [workload("DaemonSet", "log-agent", compliantPodSpec({ initContainers: [container("init", { image: "busybox:1.36" })] }))],
            message: /DaemonSet log-agent: init container init uses busybox:1\.36, which is neither pinned by digest nor from an approved registry\./,
        },
        {
            name: "a ReplicaSet whose ephemeral debug container runs an untagged image",
            resources: [workload("ReplicaSet", "api-7d9f8", compliantPodSpec({ ephemeralContainers: [ephemeralContainer("debugger", { image: "nicolaka/netshoot" })] }))],
            message: /ReplicaSet api-7d9f8: ephemeral container debugger uses nicolaka\/netshoot, which is neither pinned/,
        },
        {
            name: "a Job running an image with a truncated digest",
            resources: [workload("Job", "seed", running("registry.example.com/payments/seed@sha256:9f86d081884c"))],
            message: /Job seed: container app uses registry\.example\.com\/payments\/seed@sha256:9f86d081884c, which is neither pinned/,
        },
        {
            name: "a CronJob running a look-alike of the approved registry",
            resources: [workload("CronJob", "report", running("registry.example.com.attacker.io/payments/report:1.0.0"))],
            config: MIRROR,
            message: /CronJob report: container app uses registry\.example\.com\.attacker\.io\/payments\/report:1\.0\.0, which is neither pinned/,
        },
        {
            name: "a kube-system DaemonSet where the team's exemptions replace the default",
            resources: [workload("DaemonSet", "kube-proxy", running("registry.k8s.io/kube-proxy:v1.31.2"), "kube-system")],
            config: { "require-trusted-images": { exemptNamespaces: ["cert-manager"] } },
            message: /DaemonSet kube-proxy: container app uses registry\.k8s\.io\/kube-proxy:v1\.31\.2, which is neither pinned/,
        },
    ],
    unknown: [
        { name: "an image reference built in the same program, not known yet", resources: [workload("Deployment", "api", running(unknown))] },
        { name: "an init container image not known yet", resources: [workload("Job", "migrate", compliantPodSpec({ initContainers: [container("migrate", { image: unknown })] }))] },
    ],
});
