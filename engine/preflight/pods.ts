/**
 * Pods as the cluster will run them: from the program's own workloads, from custom resources an operator
 * turns into pods (PerconaServerMongoDB), and from each Helm chart (modelled from the pinned chart's
 * defaults plus the program's values; preflight does not run Helm). Admission, placement and image
 * checks all judge these.
 */
import type { Plain } from "./stack";

/** Where a pod comes from, for findings: the resource that declares it and a readable name. */
export interface PodOrigin {
    /** The resource that declares the pod: a workload, a custom resource or a Helm release. */
    readonly urn: string;
    /** The value path in that resource the pod is read from, e.g. `spec.template` or `values.pilot`. */
    readonly path: string;
    /** e.g. "Deployment istio-system/istiod (chart istiod 1.29.0)". */
    readonly description: string;
}

export type WorkloadKind = "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Job" | "CronJob" | "Pod";

/** One pod template and how many pods it makes. */
export interface PodModel {
    readonly origin: PodOrigin;
    readonly kind: WorkloadKind;
    /** The workload's name (the pod name prefix). */
    readonly name: string;
    readonly namespace: string;
    /** Pods at the most: replicas, or an autoscaler's maximum; for a DaemonSet, per node (placement counts nodes). */
    readonly replicas: number;
    /** The pod template as the API server receives it: `metadata` (labels, annotations) and `spec` (a PodSpec). */
    readonly template: { readonly metadata: Plain; readonly spec: Plain };
    /**
     * True when the model adds what a mutating webhook adds at admission (Istio's sidecar and its init
     * container); such pods are judged with those containers.
     */
    readonly injected?: boolean;
}

/** Every container of a pod spec: init containers first, then the app containers. */
export function containersOf(spec: Plain): Plain[] {
    return [...((spec.initContainers ?? []) as Plain[]), ...((spec.containers ?? []) as Plain[])];
}
