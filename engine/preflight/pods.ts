/**
 * Pods as the cluster will run them: from the program's own workloads, from custom resources an operator
 * turns into pods (PerconaServerMongoDB), and from each Helm chart (modelled from the pinned chart's
 * defaults plus the program's values; preflight does not run Helm). Admission, placement and image
 * checks all judge these.
 */
import { chartValues } from "./charts/chart-values";
import { pinnedChart } from "./charts/pinned-charts";
import type { ChartPodContext, ChartPodModel } from "./pods/chart-pod";
import { istioCniPods, istioGatewayPods, istiodPods } from "./pods/istio-charts";
import { perconaOperatorPods, snapschedulerPods } from "./pods/operator-charts";
import { perconaReplsetPods } from "./pods/percona-replset";
import { policyControllerPods } from "./pods/policy-controller-chart";
import { inject, Injector, injects } from "./pods/sidecar-injection";
import { workloadPods } from "./pods/workloads";
import { HelmRelease, isUnknown, Plain, PreflightStack } from "./stack";

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

/** A release or resource whose pods preflight does not model, and why. */
export interface PodModelGap {
    readonly urn: string;
    readonly reason: string;
}

/** The pod models of each chart the program installs, by chart name; charts that run no pods map to none. */
const CHART_PODS: Readonly<Record<string, ChartPodModel>> = {
    base: () => [],
    cni: istioCniPods,
    istiod: istiodPods,
    gateway: istioGatewayPods,
    "psmdb-operator": perconaOperatorPods,
    "psmdb-operator-crds": () => [],
    snapscheduler: snapschedulerPods,
    "policy-controller": policyControllerPods,
};

interface StackPods {
    readonly pods: readonly PodModel[];
    readonly gaps: readonly PodModelGap[];
}

const computed = new WeakMap<PreflightStack, StackPods>();

function chartContext(release: HelmRelease): { context?: ChartPodContext; gap?: string } {
    if (!release.version || isUnknown(release.version)) {
        return { gap: `release ${release.releaseName} names no chart version` };
    }
    const chart = pinnedChart(release.chart, release.version);
    if (!chart) {
        return { gap: `chart ${release.chart} ${release.version} is not pinned in infra/upstream/charts/` };
    }
    if (!CHART_PODS[chart.name]) {
        return { gap: `preflight has no pod model for chart ${chart.name} (engine/preflight/pods.ts)` };
    }
    const values = isUnknown(release.values) ? {} : release.values;
    return { context: { release, chart, values: chartValues(chart, values) } };
}

function modelPods(stack: PreflightStack): StackPods {
    const gaps: PodModelGap[] = [];
    const pods: PodModel[] = [...workloadPods(stack)];
    let injector: Injector | undefined;
    let operatorImage: string | undefined;
    for (const release of stack.helmReleases) {
        const { context, gap } = chartContext(release);
        if (!context) {
            gaps.push({ urn: release.resource.urn, reason: gap ?? "unknown" });
            continue;
        }
        pods.push(...CHART_PODS[context.chart.name](context));
        if (context.chart.name === "istiod") {
            injector = { values: context.values, namespaceLabels: new Map() };
        }
        if (context.chart.name === "psmdb-operator") {
            operatorImage = `${context.values.image?.repository}:${context.values.image?.tag}`;
        }
    }
    for (const cr of stack.objectsOfKind("PerconaServerMongoDB")) {
        if (!cr.patch && !isUnknown(cr.object.spec)) {
            pods.push(...perconaReplsetPods(cr, operatorImage));
        }
    }
    if (!injector) {
        return { pods, gaps };
    }
    const namespaceLabels = new Map<string, Record<string, string>>();
    for (const ns of stack.objectsOfKind("Namespace")) {
        if (ns.name && !ns.patch) {
            namespaceLabels.set(ns.name, (ns.object.metadata?.labels ?? {}) as Record<string, string>);
        }
    }
    const withNamespaces: Injector = { ...injector, namespaceLabels };
    return { pods: pods.map((pod) => (injects(withNamespaces, pod) ? inject(withNamespaces, pod) : pod)), gaps };
}

function stackPods(stack: PreflightStack): StackPods {
    let result = computed.get(stack);
    if (!result) {
        result = modelPods(stack);
        computed.set(stack, result);
    }
    return result;
}

/**
 * Every pod the stack will run, modelled once per stack (later calls return the same array; do not change it),
 * in a fixed order: the program's own workloads as declared, then each Helm release's pods in release order,
 * then the pods operators make from custom resources (PerconaServerMongoDB), each with Istio's sidecar added
 * where istiod's webhook would add it (`injected: true`).
 *
 * - Program workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod): their inputs as
 *   declared; replicas from `spec.replicas`, a HorizontalPodAutoscaler's `maxReplicas`, or a Job's parallelism.
 * - Charts: modelled from the pinned chart (infra/upstream/charts/) rendering its defaults with the release's
 *   values (engine/preflight/pods/istio-charts.ts, operator-charts.ts); replicas are an HPA's maximum where the
 *   chart autoscales, 1 for a DaemonSet (per node).
 * - The Percona operator's StatefulSets, modelled from its source (pods/percona-replset.ts).
 * - Istio's injection (pods/sidecar-injection.ts), with the istiod release's values; none without an istiod release.
 *
 * Releases whose pods cannot be modelled (unpinned chart, no model) are left out and listed by `podModelGaps`.
 */
export function allPods(stack: PreflightStack): readonly PodModel[] {
    return stackPods(stack).pods;
}

/** Releases whose pods `allPods` leaves out, with the reason (the helm-values check reports unpinned charts). */
export function podModelGaps(stack: PreflightStack): readonly PodModelGap[] {
    return stackPods(stack).gaps;
}
