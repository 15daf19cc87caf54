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
