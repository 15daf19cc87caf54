/**
 * Kubernetes workloads for the workload rules' corpora: a pod spec that meets the Pod Security
 * Standards' restricted profile, and every workload kind wrapped around a pod spec the way a program
 * declares it (each kind keeps its pod spec at a different path).
 */
import { resource, type CaseResource } from "../../../harness/policy-cases";

type Props = Record<string, unknown>;

export const DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/** An image of the team's registry, pinned by digest. */
export const image = (repository: string) => `registry.example.com/${repository}@${DIGEST}`;

/** The workload kinds, each with the Pulumi type token and apiVersion a program sends. */
export const WORKLOAD_KINDS = {
    Pod: { type: "kubernetes:core/v1:Pod", apiVersion: "v1" },
    PodTemplate: { type: "kubernetes:core/v1:PodTemplate", apiVersion: "v1" },
    ReplicationController: { type: "kubernetes:core/v1:ReplicationController", apiVersion: "v1" },
    Deployment: { type: "kubernetes:apps/v1:Deployment", apiVersion: "apps/v1" },
    StatefulSet: { type: "kubernetes:apps/v1:StatefulSet", apiVersion: "apps/v1" },
    DaemonSet: { type: "kubernetes:apps/v1:DaemonSet", apiVersion: "apps/v1" },
    ReplicaSet: { type: "kubernetes:apps/v1:ReplicaSet", apiVersion: "apps/v1" },
    Job: { type: "kubernetes:batch/v1:Job", apiVersion: "batch/v1" },
    CronJob: { type: "kubernetes:batch/v1:CronJob", apiVersion: "batch/v1" },
} as const;

export type WorkloadKind = keyof typeof WORKLOAD_KINDS;

/** `base` with `overrides` applied; an override of `undefined` removes the field. */
function merge(base: Props, overrides: Props): Props {
    return Object.fromEntries(Object.entries({ ...base, ...overrides }).filter(([, value]) => value !== undefined));
}

/**
 * `defaults` with `overrides` applied, where `overrides.securityContext` is merged into `context`
 * (a field set to `undefined` is removed); a securityContext of `undefined` removes it, one that is
 * not an object (`unknown`) replaces it.
 */
function withSecurityContext(defaults: Props, context: Props, overrides: Props): Props {
    const { securityContext, ...rest } = overrides;
    const merged = !("securityContext" in overrides) ? context
        : typeof securityContext === "object" && securityContext !== null ? merge(context, securityContext as Props)
            : securityContext;
    return merge({ ...defaults, securityContext: merged }, rest);
}

/** The restricted profile's container securityContext. */
export const RESTRICTED_CONTAINER_SECURITY_CONTEXT: Props = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    readOnlyRootFilesystem: true,
};

/** The restricted profile's pod securityContext. */
export const RESTRICTED_POD_SECURITY_CONTEXT: Props = {
    runAsNonRoot: true,
    runAsUser: 10001,
    runAsGroup: 10001,
    fsGroup: 10001,
    seccompProfile: { type: "RuntimeDefault" },
};

/**
 * A container meeting the restricted profile; `overrides.securityContext` is merged into the
 * restricted one, other fields replace the defaults (`undefined` removes them).
 */
export function container(name: string, overrides: Props = {}): Props {
    return withSecurityContext({
        name,
        image: image(`payments/${name}`),
        imagePullPolicy: "IfNotPresent",
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
    }, RESTRICTED_CONTAINER_SECURITY_CONTEXT, overrides);
}

/** An ephemeral debug container targeting the app container (ephemeral containers take no resources or ports). */
export function ephemeralContainer(name: string, overrides: Props = {}): Props {
    return container(name, { image: image("tools/debug"), resources: undefined, volumeMounts: undefined, targetContainerName: "app", stdin: true, tty: true, ...overrides });
}

/**
 * A pod spec meeting the restricted profile: non-root user, RuntimeDefault seccomp, one app container
 * that drops every capability, cannot escalate and has a read-only root filesystem, pinned by digest.
 * `overrides.securityContext` is merged into the pod's; other fields replace the defaults.
 */
export function compliantPodSpec(overrides: Props = {}): Props {
    return withSecurityContext({
        serviceAccountName: "payments-api",
        automountServiceAccountToken: false,
        containers: [container("app", {
            ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
            readinessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10 },
        })],
        volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }],
    }, RESTRICTED_POD_SECURITY_CONTEXT, overrides);
}

/** `podSpec` wrapped into a workload of `kind`, named `name` in `namespace`, as a program declares it. */
export function workload(kind: WorkloadKind, name: string, podSpec: Props, namespace = "apps"): CaseResource {
    const { type, apiVersion } = WORKLOAD_KINDS[kind];
    const selector = { "app.kubernetes.io/name": name };
    const labels = { ...selector, "app.kubernetes.io/part-of": "payments" };
    const metadata = { name, namespace, labels };
    const template = { metadata: { labels }, spec: podSpec };
    const runToCompletion = { metadata: { labels }, spec: { restartPolicy: "Never", ...podSpec } };
    const specs: Record<WorkloadKind, Props> = {
        Pod: { spec: podSpec },
        PodTemplate: { template },
        ReplicationController: { spec: { replicas: 2, selector, template } },
        Deployment: {
            spec: { replicas: 3, selector: { matchLabels: selector }, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, template },
        },
        StatefulSet: { spec: { serviceName: name, replicas: 3, podManagementPolicy: "Parallel", selector: { matchLabels: selector }, template } },
        DaemonSet: { spec: { selector: { matchLabels: selector }, updateStrategy: { type: "RollingUpdate" }, template } },
        ReplicaSet: { spec: { replicas: 2, selector: { matchLabels: selector }, template } },
        Job: { spec: { backoffLimit: 3, ttlSecondsAfterFinished: 3600, template: runToCompletion } },
        CronJob: {
            spec: {
                schedule: "0 3 * * *",
                concurrencyPolicy: "Forbid",
                jobTemplate: { spec: { backoffLimit: 3, template: runToCompletion } },
            },
        },
    };
    return resource(type, name, { apiVersion, kind, metadata, ...specs[kind] });
}

/** `podSpec` in a workload of every kind, all named `name` in `namespace`. */
export const everyKind = (name: string, podSpec: Props, namespace = "apps"): CaseResource[] =>
    (Object.keys(WORKLOAD_KINDS) as WorkloadKind[]).map((kind) => workload(kind, name, podSpec, namespace));

/** The same workload as a server-side-apply patch (`kubernetes:apps/v1:DeploymentPatch`), which changes a live one. */
export function asPatch(workloadResource: CaseResource): CaseResource {
    return resource(`${workloadResource.type}Patch`, `${workloadResource.name}-patch`, workloadResource.props);
}
