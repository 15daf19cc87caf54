/**
 * Placement: where each pod can run, as the scheduler and the DaemonSet controller decide it, on the node
 * groups the stack creates (EKS managed node groups: their labels, taints, sizes and subnets). On a cluster
 * the stack does not create (on-prem) the nodes are unknown and nothing is judged.
 *
 * Scheduling rules modelled (kubernetes.io/docs/concepts/scheduling-eviction/):
 * - taint-and-toleration: a pod must tolerate every NoSchedule and NoExecute taint of a node
 *   (k8s.io/api/core/v1 Toleration.ToleratesTaint: effect empty or equal, key empty with Exists or equal,
 *   Exists ignores the value, Equal compares it); PreferNoSchedule only lowers a score.
 * - assign-pod-node: every nodeSelector label must be on the node; required node affinity is an OR of
 *   terms, each an AND of expressions (In, NotIn, Exists, DoesNotExist, Gt, Lt); an empty term matches nothing.
 * - A DaemonSet runs one pod on every node whose taints it tolerates and whose labels its selector and
 *   affinity match (kubernetes.io/docs/concepts/workloads/controllers/daemonset/#how-daemon-pods-are-scheduled).
 * - Required pod anti-affinity on `kubernetes.io/hostname` against the pod's own labels puts at most one
 *   replica on a node.
 * Node labels: the group's `labels`, plus what the kubelet and EKS set on every managed node
 * (docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html): kubernetes.io/os, kubernetes.io/arch
 * (from the AMI type), eks.amazonaws.com/nodegroup and capacityType; per-node labels (hostname, zone, an
 * instance type among several) are known to exist but not their values, so selectors on them never fail here.
 */
import { PreflightCheck, PreflightFinding } from "./finding";
import type { PodModel } from "./pods";
import { isUnknown, Plain, PreflightStack } from "./stack";

export const PLACEMENT_CHECK = "placement";

export interface Taint {
    readonly key: string;
    readonly value?: string;
    readonly effect: "NoSchedule" | "NoExecute" | "PreferNoSchedule";
}

/** A managed node group as its nodes look to the scheduler. */
export interface NodeGroupModel {
    readonly urn: string;
    /** The group's logical name (its Pulumi resource name), for findings. */
    readonly name: string;
    /** Labels on every node; a value of undefined means the label exists with a value that varies per node. */
    readonly labels: ReadonlyMap<string, string | undefined>;
    readonly taints: readonly Taint[];
    readonly desiredSize: number;
    readonly maxSize: number;
    readonly subnetIds: readonly string[];
}

/** Where one pod template can run. */
export interface PodPlacement {
    readonly pod: PodModel;
    /** Groups whose nodes the pod can land on. */
    readonly groups: readonly NodeGroupModel[];
    /** Why each other group is refused, as the scheduler words it. */
    readonly refusals: readonly { readonly group: NodeGroupModel; readonly reason: string }[];
    /** Pods at the most: replicas, or for a DaemonSet one per node of the groups it lands on (undefined when the nodes are unknown). */
    readonly podsAtMost?: number;
}

const EFFECTS: Readonly<Record<string, Taint["effect"]>> = {
    NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule",
    NoSchedule: "NoSchedule", NoExecute: "NoExecute", PreferNoSchedule: "PreferNoSchedule",
};

/** Labels every node has whose values differ from node to node. */
const PER_NODE_LABELS = ["kubernetes.io/hostname", "topology.kubernetes.io/zone", "topology.kubernetes.io/region", "topology.k8s.aws/zone-id", "failure-domain.beta.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/region", "eks.amazonaws.com/nodegroup-image", "eks.amazonaws.com/sourceLaunchTemplateId", "eks.amazonaws.com/sourceLaunchTemplateVersion"];

function text(value: unknown): string | undefined {
    return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

/** The node groups of the stack's EKS clusters, with the labels and taints their nodes get. */
export function nodeGroupsOf(stack: PreflightStack): NodeGroupModel[] {
    return stack.ofType("aws:eks/nodeGroup:NodeGroup").map((group) => {
        const inputs = stack.inputs(group);
        const labels = new Map<string, string | undefined>();
        for (const key of PER_NODE_LABELS) {
            labels.set(key, undefined);
        }
        const amiType = String(inputs.amiType ?? "AL2023_x86_64_STANDARD");
        labels.set("kubernetes.io/os", amiType.startsWith("WINDOWS") ? "windows" : "linux");
        labels.set("beta.kubernetes.io/os", labels.get("kubernetes.io/os"));
        labels.set("kubernetes.io/arch", /ARM_64|arm64/i.test(amiType) ? "arm64" : "amd64");
        labels.set("beta.kubernetes.io/arch", labels.get("kubernetes.io/arch"));
        labels.set("eks.amazonaws.com/nodegroup", text(inputs.nodeGroupName) ?? text(group.outputs.nodeGroupName));
        labels.set("eks.amazonaws.com/capacityType", text(inputs.capacityType) ?? "ON_DEMAND");
        const instanceTypes = Array.isArray(inputs.instanceTypes) ? inputs.instanceTypes : [];
        labels.set("node.kubernetes.io/instance-type", instanceTypes.length === 1 ? text(instanceTypes[0]) : undefined);
        labels.set("beta.kubernetes.io/instance-type", labels.get("node.kubernetes.io/instance-type"));
        for (const [key, value] of Object.entries((inputs.labels ?? {}) as Plain)) {
            labels.set(key, text(value));
        }
        const scaling = (inputs.scalingConfig ?? {}) as Plain;
        return {
            urn: group.urn,
            name: group.name,
            labels,
            taints: ((inputs.taints ?? []) as Plain[]).map((t) => ({
                key: String(t.key),
                ...(t.value !== undefined ? { value: String(t.value) } : {}),
                effect: EFFECTS[String(t.effect)] ?? "NoSchedule",
            })),
            desiredSize: Number(scaling.desiredSize ?? scaling.minSize ?? 1),
            maxSize: Number(scaling.maxSize ?? scaling.desiredSize ?? 1),
            subnetIds: ((inputs.subnetIds ?? []) as unknown[]).filter((s): s is string => typeof s === "string"),
        };
    });
}

/** Toleration.ToleratesTaint from k8s.io/api/core/v1 (toleration.go). */
export function tolerates(tolerations: readonly Plain[], taint: Taint): boolean {
    return tolerations.some((t) => {
        if (t.effect && t.effect !== taint.effect) {
            return false;
        }
        if (t.key && t.key !== taint.key) {
            return false;
        }
        if (t.operator === "Exists") {
            return true;
        }
        // Equal (the default) with an empty key is invalid and never matches.
        return Boolean(t.key) && String(t.value ?? "") === (taint.value ?? "");
    });
}

type Match = "yes" | "no" | "maybe";

function expressionMatches(labels: ReadonlyMap<string, string | undefined>, expression: Plain): Match {
    const key = String(expression.key);
    const has = labels.has(key);
    const value = labels.get(key);
    const values = ((expression.values ?? []) as unknown[]).map(String);
    switch (expression.operator) {
        case "Exists":
            return has ? "yes" : "no";
        case "DoesNotExist":
            return has ? "no" : "yes";
        case "In":
            return !has ? "no" : value === undefined ? "maybe" : values.includes(value) ? "yes" : "no";
        case "NotIn":
            return !has ? "yes" : value === undefined ? "maybe" : values.includes(value) ? "no" : "yes";
        case "Gt":
        case "Lt": {
            if (!has) {
                return "no";
            }
            if (value === undefined || !/^-?\d+$/.test(value)) {
                return value === undefined ? "maybe" : "no";
            }
            const [n, bound] = [Number(value), Number(values[0])];
            return (expression.operator === "Gt" ? n > bound : n < bound) ? "yes" : "no";
        }
        default:
            return "maybe";
    }
}

function all(results: Match[]): Match {
    return results.includes("no") ? "no" : results.includes("maybe") ? "maybe" : "yes";
}

/** Whether a node group's labels satisfy a pod spec's nodeSelector and required node affinity. */
export function selectorMatches(spec: Plain, labels: ReadonlyMap<string, string | undefined>): Match {
    const selector = Object.entries((spec.nodeSelector ?? {}) as Plain).map(([key, value]): Match => {
        if (!labels.has(key)) {
            return "no";
        }
        const have = labels.get(key);
        return have === undefined ? "maybe" : have === String(value) ? "yes" : "no";
    });
    const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms as Plain[] | undefined;
    let affinity: Match = "yes";
    if (Array.isArray(terms)) {
        const results = terms.map((term): Match => {
            const expressions = (term.matchExpressions ?? []) as Plain[];
            const fields = (term.matchFields ?? []) as Plain[];
            if (expressions.length === 0 && fields.length === 0) {
                return "no";
            }
            // matchFields select node names, which are not known before the nodes exist.
            return all([...expressions.map((e) => expressionMatches(labels, e)), ...fields.map((): Match => "maybe")]);
        });
        affinity = results.includes("yes") ? "yes" : results.includes("maybe") ? "maybe" : "no";
    }
    return all([...selector, affinity]);
}

function untoleratedTaints(spec: Plain, group: NodeGroupModel): Taint[] {
    const tolerations = (spec.tolerations ?? []) as Plain[];
    return group.taints.filter((t) => t.effect !== "PreferNoSchedule" && !tolerates(tolerations, t));
}

function labelsMatch(selector: Plain | undefined, labels: Plain): boolean {
    if (!selector) {
        return false;
    }
    const matchLabels = Object.entries((selector.matchLabels ?? {}) as Plain).every(([k, v]) => labels[k] === v);
    const expressions = ((selector.matchExpressions ?? []) as Plain[]).every((e) => {
        const value = labels[String(e.key)];
        const values = ((e.values ?? []) as unknown[]).map(String);
        switch (e.operator) {
            case "In": return value !== undefined && values.includes(String(value));
            case "NotIn": return value === undefined || !values.includes(String(value));
            case "Exists": return value !== undefined;
            case "DoesNotExist": return value === undefined;
            default: return false;
        }
    });
    return matchLabels && expressions;
}

/** Required anti-affinity that keeps the pod's own replicas on separate nodes. */
export function spreadsOnePerNode(pod: PodModel): boolean {
    const terms = pod.template.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution as Plain[] | undefined;
    const labels = (pod.template.metadata.labels ?? {}) as Plain;
    return Array.isArray(terms) && terms.some((term) => term.topologyKey === "kubernetes.io/hostname" && labelsMatch(term.labelSelector, labels)
        && (term.namespaces === undefined || (term.namespaces as unknown[]).includes(pod.namespace)));
}

/** Where each pod can run, and how many pods it makes at the most. */
export function placePods(groups: readonly NodeGroupModel[], pods: readonly PodModel[]): PodPlacement[] {
    return pods.map((pod) => {
        const spec = pod.template.spec;
        const landing: NodeGroupModel[] = [];
        const refusals: { group: NodeGroupModel; reason: string }[] = [];
        for (const group of groups) {
            const taints = untoleratedTaints(spec, group);
            if (taints.length > 0) {
                refusals.push({ group, reason: `had untolerated taint ${taints.map((t) => `{${t.key}${t.value !== undefined ? `: ${t.value}` : ""}}`).join(", ")}` });
            } else if (selectorMatches(spec, group.labels) === "no") {
                refusals.push({ group, reason: "didn't match Pod's node affinity/selector" });
            } else {
                landing.push(group);
            }
        }
        const nodes = landing.reduce((sum, g) => sum + g.maxSize, 0);
        const podsAtMost = pod.kind === "DaemonSet" ? (groups.length > 0 ? nodes : undefined) : pod.replicas;
        return { pod, groups: landing, refusals, ...(podsAtMost !== undefined ? { podsAtMost } : {}) };
    });
}

/** Placement of every pod of a stack, computed once per pod list and shared by admission and image checks. */
export function placementOf(stack: PreflightStack, pods: readonly PodModel[]): PodPlacement[] {
    let byPods = PLACEMENTS.get(stack);
    if (!byPods) {
        byPods = new WeakMap();
        PLACEMENTS.set(stack, byPods);
    }
    let placed = byPods.get(pods);
    if (!placed) {
        placed = placePods(nodeGroupsOf(stack), pods);
        byPods.set(pods, placed);
    }
    return placed;
}

const PLACEMENTS = new WeakMap<PreflightStack, WeakMap<readonly PodModel[], PodPlacement[]>>();

function consequence(pod: PodModel): string {
    return pod.origin.urn.includes("kubernetes:helm.sh/") ? "; Helm's wait for the release never completes and the atomic install times out and rolls back" : "";
}

/** What the scheduler would report for each pod that fits no node group, and for replicas that cannot spread. */
export function placementFindings(stack: PreflightStack, pods: readonly PodModel[]): PreflightFinding[] {
    const groups = nodeGroupsOf(stack);
    if (groups.length === 0) {
        return []; // nodes the stack does not create (on-prem): unknown, not judged
    }
    const findings: PreflightFinding[] = [];
    const totalNodes = groups.reduce((sum, g) => sum + g.desiredSize, 0);
    for (const placement of placementOf(stack, pods)) {
        const { pod } = placement;
        const where = `${pod.origin.description}`;
        if (placement.groups.length === 0) {
            const reasons = new Map<string, number>();
            for (const refusal of placement.refusals) {
                reasons.set(refusal.reason, (reasons.get(refusal.reason) ?? 0) + refusal.group.desiredSize);
            }
            // The scheduler's FitError lists "<count> <reason>" strings sorted as strings.
            const detail = [...reasons].map(([reason, count]) => `${count} node(s) ${reason}`).sort().join(", ");
            findings.push({
                check: PLACEMENT_CHECK,
                urn: pod.origin.urn,
                path: `${pod.origin.path}.spec`,
                refusedBy: "kube-scheduler",
                message: `${where}: 0/${totalNodes} nodes are available: ${detail}. ${pod.kind === "DaemonSet" ? "The DaemonSet schedules no pod" : "The pod stays Pending"}${consequence(pod)}`,
                fix: `give the pod template at ${pod.origin.path} tolerations and a nodeSelector matching a node group: ${groups.map((g) => `${g.name} (labels ${[...g.labels].filter(([k, v]) => v !== undefined && !k.includes("kubernetes.io/") && !k.startsWith("eks.amazonaws.com/")).map(([k, v]) => `${k}=${v}`).join(", ") || "none of its own"}${g.taints.length ? `; taints ${g.taints.map((t) => `${t.key}=${t.value ?? ""}:${t.effect}`).join(", ")}` : ""})`).join("; ")}`,
            });
            continue;
        }
        if (pod.kind !== "DaemonSet" && spreadsOnePerNode(pod)) {
            const nodes = placement.groups.reduce((sum, g) => sum + g.maxSize, 0);
            if (pod.replicas > nodes) {
                findings.push({
                    check: PLACEMENT_CHECK,
                    urn: pod.origin.urn,
                    path: `${pod.origin.path}.spec.affinity.podAntiAffinity`,
                    refusedBy: "kube-scheduler",
                    message: `${where}: ${pod.replicas} replicas must each run on a different node (required anti-affinity on kubernetes.io/hostname), but the node groups they can use (${placement.groups.map((g) => g.name).join(", ")}) have at most ${nodes} node(s); ${pod.replicas - nodes} replica(s) stay Pending with "didn't match pod anti-affinity rules"${consequence(pod)}`,
                    fix: `lower the replicas to ${nodes} or raise maxSize of ${placement.groups.map((g) => g.name).join(", ")} (secure-platform:nodeGroups) to at least ${pod.replicas}`,
                });
            }
        }
    }
    return findings;
}

/** The placement check, over the pods a source of pods gives (allPods, or hand-built pods in tests). */
export function placementCheck(podsOf: (stack: PreflightStack) => readonly PodModel[]): PreflightCheck<PreflightStack> {
    return {
        name: PLACEMENT_CHECK,
        description: "Every pod can be scheduled on a node group the stack creates: taints tolerated, node selectors and affinity matched, anti-affinity spread within the groups' sizes.",
        run: (stack) => placementFindings(stack, podsOf(stack)),
    };
}
