/**
 * Every pinned version the platform deploys, in one place. Bump here, run `npm test`, read the
 * upgrade notes in the README.
 */

/**
 * Kubernetes minor versions the EKS cluster may run, with the end of EKS standard support
 * (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html). Versions in extended support
 * cost more per cluster hour and are not accepted.
 */
export const SUPPORTED_KUBERNETES_VERSIONS = {
    "1.34": { standardSupportEnds: "2026-12-02" },
    "1.35": { standardSupportEnds: "2027-03-27" },
} as const;

export type KubernetesVersion = keyof typeof SUPPORTED_KUBERNETES_VERSIONS;

/** The version new clusters get when `secure-platform:kubernetesVersion` is not set. */
export const DEFAULT_KUBERNETES_VERSION: KubernetesVersion = "1.35";

/**
 * Kubernetes minor versions an on-prem cluster may run: those the pinned Istio supports. Namespaces pin
 * their Pod Security Standards version to the cluster's.
 */
export const ONPREM_KUBERNETES_VERSIONS = ["1.31", "1.32", "1.33", "1.34", "1.35"] as const;

/** EKS managed add-ons the platform installs. */
export const ADDON_NAMES = ["vpc-cni", "kube-proxy", "eks-pod-identity-agent", "coredns", "aws-ebs-csi-driver", "snapshot-controller"] as const;
export type AddonName = (typeof ADDON_NAMES)[number];

/**
 * Pinned add-on versions per Kubernetes version. Check a bump with
 * `aws eks describe-addon-versions --addon-name <name> --kubernetes-version <v>`.
 * coredns and kube-proxy: the EKS user guide's version tables (managing-coredns, managing-kube-proxy).
 * vpc-cni, aws-ebs-csi-driver, eks-pod-identity-agent and snapshot-controller: EKS publishes no
 * per-version table; these are the newest builds seen in use on EKS 1.35 and must be confirmed with the
 * command above before the first deployment (see the README's "Pinned versions").
 */
export const ADDON_VERSIONS: Readonly<Record<KubernetesVersion, Readonly<Record<AddonName, string>>>> = {
    "1.34": {
        "vpc-cni": "v1.23.0-eksbuild.1",
        "kube-proxy": "v1.34.6-eksbuild.13",
        "eks-pod-identity-agent": "v1.3.10-eksbuild.2",
        coredns: "v1.13.2-eksbuild.7",
        "aws-ebs-csi-driver": "v1.66.0-eksbuild.1",
        "snapshot-controller": "v8.3.0-eksbuild.1",
    },
    "1.35": {
        "vpc-cni": "v1.23.0-eksbuild.1",
        "kube-proxy": "v1.35.3-eksbuild.13",
        "eks-pod-identity-agent": "v1.3.10-eksbuild.2",
        coredns: "v1.14.2-eksbuild.4",
        "aws-ebs-csi-driver": "v1.66.0-eksbuild.1",
        "snapshot-controller": "v8.3.0-eksbuild.1",
    },
};

/**
 * Istio, installed from its Helm charts (`base`, `cni`, `istiod`, `gateway`). 1.29 supports Kubernetes
 * 1.31 to 1.35 (istio.io/latest/docs/releases/supported-releases), which covers every version above.
 * The repository is the upstream one; `secure-platform:chartRepository` points every chart at a mirror.
 */
export const ISTIO = {
    version: "1.29.0",
    repository: "https://istio-release.storage.googleapis.com/charts",
    /** Registry and path of Istio's release images (pilot, proxyv2, install-cni), set explicitly so a mirror can replace it. */
    hub: "docker.io/istio",
} as const;

/**
 * The Percona Operator for MongoDB, installed from its Helm chart (`psmdb-operator`), and the images
 * the `PerconaServerMongoDB` resource runs. `crVersion` must match the operator version; the chart's
 * `appVersion` is the operator it packages (chart 1.22.0 packages operator 1.22.0). The image tags are the
 * ones the operator release names in its deploy/cr.yaml (percona/percona-server-mongodb-operator v1.22.0).
 */
export const PERCONA_MONGODB = {
    repository: "https://percona.github.io/percona-helm-charts/",
    chart: "psmdb-operator",
    /** The operator's CRDs as a chart of their own (same version as `chart`), so Helm upgrades them. */
    crdChart: "psmdb-operator-crds",
    chartVersion: "1.22.0",
    crVersion: "1.22.0",
    operatorImage: "docker.io/percona/percona-server-mongodb-operator:1.22.0",
    mongodImage: "docker.io/percona/percona-server-mongodb:8.0.19-7",
    backupImage: "docker.io/percona/percona-backup-mongodb:2.12.0",
    /**
     * PMM's client. Monitoring is off and this image is never pulled, but the CRD requires `spec.pmm.image`
     * whenever `spec.pmm` is present (deploy/crd.yaml: the `pmm` object's `required: [image]`).
     */
    pmmClientImage: "docker.io/percona/pmm-client:3.6.0",
} as const;

/**
 * snapscheduler (backube), which takes the on-prem variant's scheduled CSI snapshots: its Helm chart and
 * the controller image.
 */
export const SNAPSCHEDULER = {
    repository: "https://backube.github.io/helm-charts",
    chart: "snapscheduler",
    chartVersion: "3.5.0",
    image: "quay.io/backube/snapscheduler:3.5.0",
    /**
     * The chart's metrics proxy sidecar: the image chart 3.5.0 names by default, tag and digest (its values.yaml
     * `rbacProxy.image`), the one the release was tested with. (v0.23.0, pinned before, was never released: the
     * newest tag of brancz/kube-rbac-proxy is v0.21.0, 2026-02-26.)
     */
    rbacProxyImage: "quay.io/brancz/kube-rbac-proxy:v0.19.1@sha256:9f21034731c7c3228611b9d40807f3230ce8ed2b286b913bf2d1e760d8d866fc",
} as const;

/**
 * Sigstore policy-controller, the admission controller that verifies images (infra/k8s/admission/): its Helm chart
 * (sigstore/helm-charts, tag policy-controller-0.10.6, the newest release of the chart) and the controller image with
 * the digest the chart pins (its values.yaml `webhook.image.version`, and Chart.yaml's artifacthub.io/images).
 * `appVersion` is the controller release the chart packages, whose CRDs are pinned in infra/upstream/crds/.
 */
export const POLICY_CONTROLLER = {
    repository: "https://sigstore.github.io/helm-charts",
    chart: "policy-controller",
    chartVersion: "0.10.6",
    appVersion: "0.13.1",
    image: "ghcr.io/sigstore/policy-controller/policy-controller:v0.13.1@sha256:0bcd60beb93f4427c29cf3a669743caf58490e98ded4380c33c09f092734a6ab",
} as const;

/**
 * The Pulumi CLI versions this program runs under, as a range in the syntax of `pulumi.runtime.requirePulumiVersion`
 * and Pulumi.yaml's `requiredPulumiVersion` (github.com/blang/semver `ParseRange`). The engine honours the
 * `replacementTrigger` resource option, which rotates the keystore, from 3.208.0 (an older one ignores it: raising a
 * generation would rotate nothing), and compares a trigger by its value, even one the SDK sends wrapped in an output,
 * from 3.226.0 (pulumi/pulumi#22119; pulumi/pulumi CHANGELOG.md). infra/index.ts checks it before registering
 * anything; Pulumi.yaml, the workflows' `pulumi-version` and the README follow it (test/github/workflows.test.ts).
 */
export const PULUMI_CLI_VERSIONS = ">=3.226.0";
