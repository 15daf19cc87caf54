/**
 * The pod template of every Kubernetes workload kind, as a program declares it, so one rule judges
 * Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs, CronJobs and
 * PodTemplates alike.
 */
import type { Props } from "./rule";
import { list } from "./values";

/** Pulumi type tokens of the workload kinds and the path from the resource to its pod spec. */
export const WORKLOAD_TYPES: Readonly<Record<string, readonly string[]>> = {
    "kubernetes:core/v1:Pod": ["spec"],
    "kubernetes:core/v1:PodTemplate": ["template", "spec"],
    "kubernetes:core/v1:ReplicationController": ["spec", "template", "spec"],
    "kubernetes:apps/v1:Deployment": ["spec", "template", "spec"],
    "kubernetes:apps/v1:StatefulSet": ["spec", "template", "spec"],
    "kubernetes:apps/v1:DaemonSet": ["spec", "template", "spec"],
    "kubernetes:apps/v1:ReplicaSet": ["spec", "template", "spec"],
    "kubernetes:batch/v1:Job": ["spec", "template", "spec"],
    "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
};

/**
 * Patch resources (server-side apply, e.g. `kubernetes:apps/v1:DeploymentPatch`) change an existing
 * workload's pod template at the same path, so they are judged like the kind they patch.
 */
const WITH_PATCHES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
    Object.entries(WORKLOAD_TYPES).flatMap(([type, path]) => [[type, path], [`${type}Patch`, path]]));

export const WORKLOAD_TYPE_LIST = Object.keys(WITH_PATCHES) as [string, ...string[]];

/** The pod spec of a workload, or undefined when the resource does not declare one. */
export function podSpecOf(type: string, props: Props): Props | undefined {
    const path = WITH_PATCHES[type];
    return path ? walk(props, path) : undefined;
}

function walk(props: Props, path: readonly string[]): Props | undefined {
    let node: Props | undefined = props;
    for (const key of path) {
        node = node?.[key];
    }
    return node;
}

/** The pod template's metadata (annotations such as AppArmor's live there), or undefined. */
export function podMetadataOf(type: string, props: Props): Props | undefined {
    const path = WITH_PATCHES[type];
    return path ? walk(props, [...path.slice(0, -1), "metadata"]) : undefined;
}

export interface ContainerRef {
    /** `containers`, `initContainers` or `ephemeralContainers`. */
    readonly kind: string;
    readonly name: string;
    readonly container: Props;
}

/** Every container of a pod spec, init and ephemeral containers included. */
export function containersOf(spec: Props): ContainerRef[] {
    return ["initContainers", "containers", "ephemeralContainers"].flatMap((kind) =>
        list(spec[kind]).map((container) => ({ kind, name: String(container.name ?? "(unnamed)"), container })));
}

/** "container app", "init container setup": which container a message is about. */
export function where(ref: ContainerRef): string {
    const label = ref.kind === "containers" ? "container" : ref.kind === "initContainers" ? "init container" : "ephemeral container";
    return `${label} ${ref.name}`;
}

/**
 * A container's effective security setting: its own securityContext wins over the pod's (only the
 * fields Kubernetes inherits from the pod: runAsNonRoot, runAsUser, seccompProfile, seLinuxOptions).
 */
export function effective(spec: Props, container: Props, field: "runAsNonRoot" | "runAsUser" | "seccompProfile" | "seLinuxOptions"): unknown {
    const own = container.securityContext?.[field];
    return own !== undefined ? own : spec.securityContext?.[field];
}
