/**
 * The pods of the workloads the program declares itself: Deployments, StatefulSets, DaemonSets,
 * ReplicaSets, Jobs, CronJobs and bare Pods, read from their inputs. An autoscaler that targets a
 * workload raises its replicas to the autoscaler's maximum.
 */
import type { PodModel, WorkloadKind } from "../pods";
import { isUnknown, KubernetesObject, Plain, PreflightStack } from "../stack";

const WORKLOAD_KINDS: readonly WorkloadKind[] = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"];

function count(value: unknown, fallback: number): number {
    return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** Each HorizontalPodAutoscaler's maximum by `<namespace>/<kind>/<name>` of its target. */
function autoscalerMaxima(stack: PreflightStack): Map<string, number> {
    const maxima = new Map<string, number>();
    for (const hpa of stack.objectsOfKind("HorizontalPodAutoscaler")) {
        const target: Plain | undefined = hpa.object.spec?.scaleTargetRef;
        if (!hpa.patch && target && typeof target.name === "string") {
            maxima.set(`${hpa.namespace ?? "default"}/${target.kind}/${target.name}`, count(hpa.object.spec?.maxReplicas, 1));
        }
    }
    return maxima;
}

function workloadPod(object: KubernetesObject, maxima: ReadonlyMap<string, number>): PodModel | undefined {
    const kind = object.kind as WorkloadKind;
    const spec: Plain = object.object.spec ?? {};
    const namespace = object.namespace ?? "default";
    const name = object.name ?? object.resource.name;
    let template: Plain | undefined;
    let path = "spec.template";
    let replicas = 1;
    switch (kind) {
        case "Pod":
            template = { metadata: object.object.metadata ?? {}, spec };
            path = "spec";
            break;
        case "CronJob":
            template = spec.jobTemplate?.spec?.template;
            path = "spec.jobTemplate.spec.template";
            replicas = count(spec.jobTemplate?.spec?.parallelism, 1);
            break;
        case "Job":
            template = spec.template;
            replicas = count(spec.parallelism, 1);
            break;
        case "DaemonSet":
            template = spec.template;
            break;
        default:
            template = spec.template;
            replicas = maxima.get(`${namespace}/${kind}/${name}`) ?? count(spec.replicas, 1);
    }
    if (!template || isUnknown(template)) {
        return undefined;
    }
    return {
        origin: { urn: object.resource.urn, path, description: `${kind} ${namespace}/${name}` },
        kind,
        name,
        namespace,
        replicas,
        template: { metadata: (template.metadata ?? {}) as Plain, spec: (template.spec ?? {}) as Plain },
    };
}

/** The program's own workloads, in the order the program declares them (patches excluded). */
export function workloadPods(stack: PreflightStack): PodModel[] {
    const maxima = autoscalerMaxima(stack);
    const pods: PodModel[] = [];
    for (const object of stack.kubernetesObjects) {
        if (!object.patch && (WORKLOAD_KINDS as readonly string[]).includes(object.kind)) {
            const pod = workloadPod(object, maxima);
            if (pod) {
                pods.push(pod);
            }
        }
    }
    return pods;
}
