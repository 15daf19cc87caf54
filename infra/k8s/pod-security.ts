/**
 * Pod Security Admission for the namespaces the platform creates: every namespace enforces, audits
 * and warns on the `restricted` standard, pinned to the cluster's Kubernetes minor version so an
 * upgrade never changes the standard silently. The only exceptions are listed here.
 */

export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

/**
 * Namespaces that must run privileged pods, each with the reason. Nothing else may be added without a
 * reason a reviewer accepts; the policy pack's `require-pod-security-labels` exempts the same names.
 */
export const PRIVILEGED_NAMESPACES: Readonly<Record<string, string>> = {
    // The Istio CNI node agent writes the CNI configuration and binaries onto every node (hostPath
    // /etc/cni/net.d and /opt/cni/bin) and programs pod network namespaces. That work is what lets
    // every application pod keep the `restricted` profile (no NET_ADMIN init container).
    "istio-cni": "Istio CNI node agent: installs the CNI plugin on each node so application pods need no NET_ADMIN",
};

/** The PSA labels of a namespace at `level`, pinned to `v<kubernetesVersion>`. */
export function podSecurityLabels(level: PodSecurityLevel, kubernetesVersion: string): Record<string, string> {
    const version = `v${kubernetesVersion}`;
    return Object.fromEntries((["enforce", "audit", "warn"] as const).flatMap((mode) => [
        [`pod-security.kubernetes.io/${mode}`, level],
        [`pod-security.kubernetes.io/${mode}-version`, version],
    ]));
}

/**
 * The securityContext every workload the platform defines carries: non-root, no privilege escalation,
 * no capabilities, read-only root filesystem, RuntimeDefault seccomp (PSS restricted).
 */
export const RESTRICTED_POD_SECURITY_CONTEXT = {
    runAsNonRoot: true,
    runAsUser: 65532,
    runAsGroup: 65532,
    fsGroup: 65532,
    seccompProfile: { type: "RuntimeDefault" },
} as const;

export const RESTRICTED_CONTAINER_SECURITY_CONTEXT = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
} as const;
