/**
 * What every chart's pod model shares: the release, the pinned chart and the values its templates see, and
 * a way to make a `PodModel` that names them.
 */
import { truthy } from "../charts/chart-values";
import type { PinnedChart } from "../charts/pinned-charts";
import type { PodModel, WorkloadKind } from "../pods";
import type { HelmRelease, Plain } from "../stack";

export interface ChartPodContext {
    readonly release: HelmRelease;
    readonly chart: PinnedChart;
    /** The values the chart's templates render with (defaults, the release's values, the chart's merges). */
    readonly values: Plain;
}

/** Models the pods a pinned chart renders. */
export type ChartPodModel = (context: ChartPodContext) => PodModel[];

export function chartPod(context: ChartPodContext, kind: WorkloadKind, name: string, replicas: number, template: { metadata: Plain; spec: Plain }): PodModel {
    const { release, chart } = context;
    return {
        origin: {
            urn: release.resource.urn,
            path: "values",
            description: `${kind} ${release.namespace}/${name} (chart ${chart.name} ${chart.version}, release ${release.releaseName})`,
        },
        kind,
        name,
        namespace: release.namespace,
        replicas,
        template,
    };
}

/** Drops keys whose value is undefined, so a model holds only what the template renders. */
export function compact<T extends Plain>(object: T): T {
    return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/** `<release>-<name>`, or the release name when it already contains the chart's name (the "fullname" helper of the Percona operator, snapscheduler and policy-controller charts). */
export function chartFullname(context: ChartPodContext): string {
    const v = context.values;
    if (truthy(v.fullnameOverride)) {
        return String(v.fullnameOverride).slice(0, 63).replace(/-$/, "");
    }
    const name = truthy(v.nameOverride) ? String(v.nameOverride) : context.chart.name;
    const release = context.release.releaseName;
    return (release.includes(name) ? release : `${release}-${name}`).slice(0, 63).replace(/-$/, "");
}
