/**
 * Admission: each pod as the API server admits it in its namespace, in the order the server runs the steps
 * (pkg/kubeapiserver/options/plugins.go AllOrderedPlugins: LimitRanger and PodSecurity before
 * MutatingAdmissionWebhook, ResourceQuota last; all mutating steps before any validating one):
 * 1. Defaulting on decode: a container with a limit and no request gets the limit as its request
 *    (pkg/apis/core/v1/defaults.go SetDefaults_Pod), for app and init containers.
 * 2. LimitRanger (mutating): each container without a limit gets the LimitRange's `default`, without a
 *    request its `defaultRequest` (plugin/pkg/admission/limitranger/admission.go mergeContainerResources).
 *    Containers a webhook injects afterwards (Istio's istio-proxy, istio-init, istio-validation) get no
 *    defaults, only the decode defaulting of their patched pod.
 * 3. Validation: a request above its limit makes the pod invalid (pkg/apis/core/validation
 *    ValidateResourceRequirements: "must be less than or equal to <resource> limit of <limit>").
 * 4. LimitRanger (validating): min, max and maxLimitRequestRatio per Container and per Pod.
 * 5. PodSecurity: the namespace's enforce level and version (see pod-security.ts).
 * 6. ResourceQuota: with a quota on cpu or memory requests or limits every container must set them
 *    (pkg/quota/v1/evaluator/core/pods.go: "must specify ..."); the namespace's pods together must fit
 *    `hard`, each pod counted by its effective requests and limits: the larger of the app containers plus
 *    sidecars and, for each init container, itself plus the sidecars started before it
 *    (k8s.io/component-helpers/resource AggregateContainerRequests; KEP-753); `pods` counts pods; NodePort and
 *    LoadBalancer Services count node ports and load balancers (services.ts).
 * A Deployment's pods are created by its ReplicaSet: a refused pod means no pod at all, reported as
 * FailedCreate events while the Deployment waits. Namespaces the stack does not declare anything for
 * (kube-system...) are not judged.
 */
import { PreflightCheck, PreflightFinding } from "./finding";
import { placementOf, PodPlacement } from "./placement";
import { enforcedPolicy, podSecurityViolations } from "./pod-security";
import type { PodModel, WorkloadKind } from "./pods";
import { formatQuantity, milliValue } from "../../infra/lib/quantity";
import { nodePortsOf, ServiceModel, servicesOf } from "./services";
import { KubernetesObject, Plain, PreflightStack } from "./stack";

export const ADMISSION_CHECK = "admission";

/** Containers Istio's injection webhook adds after LimitRanger has run. */
export const WEBHOOK_CONTAINERS = ["istio-proxy", "istio-init", "istio-validation"];

type Resources = Map<string, number>;

export interface AdmittedContainer {
    readonly name: string;
    /** `initContainers` or `containers`. */
    readonly list: "initContainers" | "containers";
    readonly index: number;
    /** An init container with `restartPolicy: Always` (a sidecar). */
    readonly sidecar: boolean;
    readonly injected: boolean;
    readonly requests: Resources;
    readonly limits: Resources;
    /** Which values LimitRanger filled in, for messages: "memory limit" → "LimitRange data/limits default". */
    readonly defaulted: ReadonlyMap<string, string>;
}

/** What the stack declares for a namespace: its Namespace object (PSA labels), LimitRanges and ResourceQuotas. */
export interface NamespacePolicies {
    readonly name: string;
    readonly namespace?: KubernetesObject;
    readonly limitRanges: KubernetesObject[];
    readonly quotas: KubernetesObject[];
}

/** Every namespace the stack declares something for, indexed once. */
export function namespacePolicies(stack: PreflightStack): Map<string, NamespacePolicies> {
    const byName = new Map<string, NamespacePolicies>();
    const entry = (name: string) => {
        let found = byName.get(name);
        if (!found) {
            found = { name, limitRanges: [], quotas: [] };
            byName.set(name, found);
        }
        return found;
    };
    for (const object of stack.kubernetesObjects) {
        if (object.kind === "Namespace" && object.name && !object.patch) {
            Object.assign(entry(object.name), { namespace: object });
        } else if (object.kind === "LimitRange" && !object.patch) {
            entry(object.namespace ?? "default").limitRanges.push(object);
        } else if (object.kind === "ResourceQuota" && !object.patch) {
            entry(object.namespace ?? "default").quotas.push(object);
        }
    }
    return byName;
}

function resources(list: unknown): Resources {
    const result: Resources = new Map();
    for (const [key, value] of Object.entries((list ?? {}) as Plain)) {
        const milli = milliValue(value);
        if (milli !== undefined) {
            result.set(key, milli);
        }
    }
    return result;
}

function objectLabel(object: KubernetesObject): string {
    return `${object.kind} ${object.namespace ?? "default"}/${object.name ?? object.resource.name}`;
}

/**
 * A LimitRange's Container item as the API server stores it (pkg/apis/core/v1/defaults.go
 * SetDefaults_LimitRangeItem): a missing `default` takes `max`, a missing `defaultRequest` takes `default`,
 * then `min`.
 */
export function storedContainerLimits(item: Plain): { defaults: Resources; defaultRequests: Resources } {
    const defaults = resources(item.default);
    const defaultRequests = resources(item.defaultRequest);
    resources(item.max).forEach((v, k) => defaults.has(k) || defaults.set(k, v));
    defaults.forEach((v, k) => defaultRequests.has(k) || defaultRequests.set(k, v));
    resources(item.min).forEach((v, k) => defaultRequests.has(k) || defaultRequests.set(k, v));
    return { defaults, defaultRequests };
}

/** The pod's containers after decode defaulting and LimitRanger's defaults (steps 1 and 2). */
export function admitContainers(pod: PodModel, limitRanges: readonly KubernetesObject[]): AdmittedContainer[] {
    const spec = pod.template.spec;
    return (["initContainers", "containers"] as const).flatMap((list) => ((spec[list] ?? []) as Plain[]).map((container, index): AdmittedContainer => {
        const name = String(container.name);
        const injected = pod.injected === true && WEBHOOK_CONTAINERS.includes(name);
        const requests = resources(container.resources?.requests);
        const limits = resources(container.resources?.limits);
        const defaulted = new Map<string, string>();
        if (!injected) {
            for (const range of limitRanges) {
                for (const item of ((range.object.spec?.limits ?? []) as Plain[]).filter((l) => l.type === "Container")) {
                    for (const [key, value] of storedContainerLimits(item).defaults) {
                        if (!limits.has(key)) {
                            limits.set(key, value);
                            defaulted.set(`${key} limit`, `${objectLabel(range)} default`);
                        }
                    }
                }
            }
        }
        // Decode defaulting runs first on the pod; LimitRanger's defaultRequest only fills what is still
        // missing, so a limit the container set itself wins over defaultRequest.
        for (const [key, value] of resources(container.resources?.limits)) {
            if (!requests.has(key)) {
                requests.set(key, value);
            }
        }
        if (!injected) {
            for (const range of limitRanges) {
                for (const item of ((range.object.spec?.limits ?? []) as Plain[]).filter((l) => l.type === "Container")) {
                    for (const [key, value] of storedContainerLimits(item).defaultRequests) {
                        if (!requests.has(key)) {
                            requests.set(key, value);
                            defaulted.set(`${key} request`, `${objectLabel(range)} defaultRequest`);
                        }
                    }
                }
            }
        } else {
            for (const [key, value] of limits) {
                if (!requests.has(key)) {
                    requests.set(key, value);
                }
            }
        }
        return { name, list, index, sidecar: list === "initContainers" && container.restartPolicy === "Always", injected, requests, limits, defaulted };
    }));
}

/** A pod's effective requests or limits: AggregateContainerRequests (sidecar-aware), or pod-level resources when set. */
export function podTotal(containers: readonly AdmittedContainer[], which: "requests" | "limits", podLevel?: Plain): Resources {
    const total: Resources = new Map();
    const add = (into: Resources, from: Resources) => from.forEach((v, k) => into.set(k, (into.get(k) ?? 0) + v));
    for (const c of containers.filter((c) => c.list === "containers")) {
        add(total, c[which]);
    }
    const sidecars: Resources = new Map();
    const initMax: Resources = new Map();
    for (const c of containers.filter((c) => c.list === "initContainers")) {
        let usage: Resources;
        if (c.sidecar) {
            add(total, c[which]);
            add(sidecars, c[which]);
            usage = sidecars;
        } else {
            usage = new Map(sidecars);
            add(usage, c[which]);
        }
        usage.forEach((v, k) => initMax.set(k, Math.max(initMax.get(k) ?? 0, v)));
    }
    initMax.forEach((v, k) => total.set(k, Math.max(total.get(k) ?? 0, v)));
    for (const [k, v] of resources(podLevel?.[which])) {
        if (k === "cpu" || k === "memory") {
            total.set(k, v);
        }
    }
    return total;
}

const CREATED_BY: Readonly<Record<WorkloadKind, string>> = {
    Deployment: "its ReplicaSet creates no pod (FailedCreate events) and the Deployment never becomes available",
    ReplicaSet: "the ReplicaSet creates no pod (FailedCreate events)",
    StatefulSet: "the StatefulSet controller creates no pod (FailedCreate events) and the StatefulSet never becomes ready",
    DaemonSet: "the DaemonSet controller creates no pod on any node (FailedCreate events)",
    Job: "the Job controller creates no pod (FailedCreate events)",
    CronJob: "each Job it starts creates no pod (FailedCreate events)",
    Pod: "the pod is not created",
};

function consequence(pod: PodModel): string {
    const helm = pod.origin.urn.includes("kubernetes:helm.sh/") ? "; the Helm release's wait never completes and an atomic install times out and rolls back" : "";
    return `${CREATED_BY[pod.kind]}${helm}`;
}

function containerPath(pod: PodModel, c: AdmittedContainer, field: string): string {
    // A chart's pod is read from values: point at the values; a program's workload at the container itself.
    return pod.origin.urn.includes("kubernetes:helm.sh/") ? pod.origin.path : `${pod.origin.path}.spec.${c.list}[${c.index}].${field}`;
}

const podName = (pod: PodModel) => `${pod.name}-…`;

function show(resource: string, milli: number): string {
    return formatQuantity(resource, milli);
}

/** Steps 3, 4 and 6a for one pod; the findings of the first failing step that refuses it. */
function resourceFindings(pod: PodModel, containers: readonly AdmittedContainer[], policies: NamespacePolicies): PreflightFinding[] {
    const podLevel = pod.template.spec.resources as Plain | undefined;
    const findings: PreflightFinding[] = [];
    const base = { check: ADMISSION_CHECK, urn: pod.origin.urn };
    // 3. request <= limit
    for (const c of containers) {
        for (const [key, request] of c.requests) {
            const limit = c.limits.get(key);
            if (limit !== undefined && request > limit) {
                const limitSource = c.defaulted.get(`${key} limit`);
                findings.push({
                    ...base,
                    path: containerPath(pod, c, "resources"),
                    refusedBy: "Kubernetes API server (validation)",
                    message: `${pod.origin.description}: Pod "${podName(pod)}" is invalid: spec.${c.list}[${c.index}].resources.requests: Invalid value: "${show(key, request)}": must be less than or equal to ${key} limit of ${show(key, limit)}${limitSource ? ` (container "${c.name}" sets no ${key} limit, so it got the ${limitSource})` : ""}; ${consequence(pod)}`,
                    fix: `set resources.limits.${key} of container "${c.name}" to at least ${show(key, request)} (or lower its request)${limitSource ? `, or raise the ${limitSource} of ${key}` : ""}`,
                });
            }
        }
    }
    if (findings.length > 0) {
        return findings;
    }
    // 4. LimitRanger min / max / maxLimitRequestRatio
    const errors: { message: string; fix: string; path: string }[] = [];
    for (const range of policies.limitRanges) {
        for (const item of (range.object.spec?.limits ?? []) as Plain[]) {
            const targets: { label: string; requests: Resources; limits: Resources; path: string }[] = item.type === "Container"
                ? containers.map((c) => ({ label: `container "${c.name}"`, requests: c.requests, limits: c.limits, path: containerPath(pod, c, "resources") }))
                : item.type === "Pod" ? [{ label: "the pod", requests: podTotal(containers, "requests"), limits: podTotal(containers, "limits"), path: pod.origin.path }] : [];
            for (const target of targets) {
                for (const [key, min] of resources(item.min)) {
                    const request = target.requests.get(key);
                    if (request === undefined || request < min) {
                        errors.push({ path: target.path, message: request === undefined ? `minimum ${key} usage per ${item.type} is ${show(key, min)}.  No request is specified.` : `minimum ${key} usage per ${item.type} is ${show(key, min)}, but request is ${show(key, request)}.`, fix: `raise the ${key} request of ${target.label} to at least ${show(key, min)} (${objectLabel(range)} min)` });
                    }
                }
                for (const [key, max] of resources(item.max)) {
                    const limit = target.limits.get(key);
                    if (limit === undefined || limit > max) {
                        errors.push({ path: target.path, message: limit === undefined ? `maximum ${key} usage per ${item.type} is ${show(key, max)}.  No limit is specified.` : `maximum ${key} usage per ${item.type} is ${show(key, max)}, but limit is ${show(key, limit)}.`, fix: `set the ${key} limit of ${target.label} to at most ${show(key, max)}, or raise max.${key} of ${objectLabel(range)}` });
                    }
                }
                for (const [key, ratioMilli] of resources(item.maxLimitRequestRatio)) {
                    const [request, limit] = [target.requests.get(key), target.limits.get(key)];
                    if (!request || !limit || (limit / request) * 1000 > ratioMilli) {
                        errors.push({ path: target.path, message: `${key} max limit to request ratio per ${item.type} is ${show("", ratioMilli)}, but ${!request || !limit ? "no request or no limit is specified" : `provided ratio is ${(limit / request).toFixed(6)}`}.`, fix: `bring the ${key} limit of ${target.label} within ${show("", ratioMilli)} × its request (${objectLabel(range)} maxLimitRequestRatio)` });
                    }
                }
            }
        }
    }
    if (errors.length > 0) {
        return [{
            ...base,
            path: errors[0].path,
            refusedBy: "Kubernetes API server (LimitRanger admission)",
            message: `${pod.origin.description}: pods "${podName(pod)}" is forbidden: [${errors.map((e) => e.message).join(", ")}]; ${consequence(pod)}`,
            fix: [...new Set(errors.map((e) => e.fix))].join("; "),
        }];
    }
    // 6a. ResourceQuota: every container must set what a quota tracks (not asked when the pod sets
    // pod-level resources, which the PodLevelResources feature counts instead).
    if (podLevel !== undefined) {
        return [];
    }
    for (const quota of policies.quotas.filter(countsAllPods)) {
        const missing = new Map<string, string[]>();
        const hard = Object.keys((quota.object.spec?.hard ?? {}) as Plain);
        for (const tracked of hard) {
            const [which, key] = tracked === "cpu" || tracked === "memory" ? ["requests", tracked] as const : /^(requests|limits)\.(cpu|memory)$/.test(tracked) ? (tracked.split(".") as ["requests" | "limits", string]) : [undefined, undefined];
            if (!which) {
                continue;
            }
            for (const c of containers) {
                if (!c[which].has(key)) {
                    missing.set(tracked, [...new Set([...(missing.get(tracked) ?? []), c.name])]);
                }
            }
        }
        if (missing.size > 0) {
            const detail = [...missing].sort(([a], [b]) => a.localeCompare(b)).map(([r, names]) => `${r} for: ${names.sort().join(",")}`).join("; ");
            return [{
                ...base,
                path: pod.origin.path,
                refusedBy: "Kubernetes API server (ResourceQuota admission)",
                message: `${pod.origin.description}: pods "${podName(pod)}" is forbidden: failed quota: ${quota.name ?? quota.resource.name}: must specify ${detail}; ${consequence(pod)}`,
                fix: `set ${[...missing.keys()].join(", ")} on ${[...new Set([...missing.values()].flat())].map((n) => `container "${n}"`).join(", ")} (a webhook-injected container takes its resources from the webhook's template, e.g. Istio's global.proxy.resources)`,
            }];
        }
    }
    return [];
}

/** A quota without scopes counts every pod; scoped quotas (Terminating, PriorityClass...) are not modelled. */
function countsAllPods(quota: KubernetesObject): boolean {
    const spec = (quota.object.spec ?? {}) as Plain;
    return !(Array.isArray(spec.scopes) && spec.scopes.length > 0) && spec.scopeSelector === undefined;
}

/** The PodSecurity step for one pod. */
function podSecurityFindings(pod: PodModel, policies: NamespacePolicies): PreflightFinding[] {
    const labels = policies.namespace?.object.metadata?.labels as Plain | undefined;
    const policy = enforcedPolicy(labels);
    const violations = podSecurityViolations(policy, pod.template.metadata, pod.template.spec);
    if (violations.length === 0) {
        return [];
    }
    return [{
        check: ADMISSION_CHECK,
        urn: pod.origin.urn,
        path: pod.origin.path,
        refusedBy: "Kubernetes API server (PodSecurity admission)",
        message: `${pod.origin.description}: pods "${podName(pod)}" is forbidden: violates PodSecurity "${policy.label}": ${violations.join(", ")}; ${consequence(pod)}`,
        fix: `make the pod template at ${pod.origin.path} meet the ${policy.level} Pod Security Standard (the items above), or run it in a namespace whose pod-security.kubernetes.io/enforce level allows it (infra/k8s/pod-security.ts lists the privileged ones and why)`,
    }];
}

interface QuotaUse {
    readonly pod: PodModel;
    readonly count: number;
    /** The count is a lower bound (a DaemonSet on nodes the stack does not know). */
    readonly atLeast: boolean;
    readonly usage: Resources;
}

const QUOTA_RESOURCES: Readonly<Record<string, (use: QuotaUse) => number | undefined>> = {
    "requests.cpu": (u) => u.usage.get("requests.cpu"),
    cpu: (u) => u.usage.get("requests.cpu"),
    "requests.memory": (u) => u.usage.get("requests.memory"),
    memory: (u) => u.usage.get("requests.memory"),
    "limits.cpu": (u) => u.usage.get("limits.cpu"),
    "limits.memory": (u) => u.usage.get("limits.memory"),
    pods: () => 1000,
    "count/pods": () => 1000,
};

/** Step 6b: the namespace's admitted pods together against each quota's `hard`, and its Services. */
function quotaSumFindings(policies: NamespacePolicies, uses: readonly QuotaUse[], services: readonly ServiceModel[]): PreflightFinding[] {
    const findings: PreflightFinding[] = [];
    for (const quota of policies.quotas.filter(countsAllPods)) {
        const quotaName = quota.name ?? quota.resource.name;
        for (const [key, hardValue] of Object.entries((quota.object.spec?.hard ?? {}) as Plain)) {
            const hard = milliValue(hardValue);
            const per = QUOTA_RESOURCES[key];
            if (hard === undefined || !per) {
                continue;
            }
            const parts = uses.map((u) => ({ u, each: per(u) ?? 0 })).filter((p) => p.each > 0);
            const total = parts.reduce((sum, p) => sum + p.each * p.u.count, 0);
            if (total <= hard) {
                continue;
            }
            // The first pod, in declaration order, that no longer fits: what its creator is told.
            let used = 0;
            let refusedEach = 0;
            for (const p of parts) {
                const fit = Math.max(0, Math.min(p.u.count, Math.floor((hard - used) / p.each)));
                if (fit < p.u.count) {
                    used += fit * p.each;
                    refusedEach = p.each;
                    break;
                }
                used += p.u.count * p.each;
            }
            const biggest = [...parts].sort((a, b) => b.each * b.u.count - a.each * a.u.count);
            const breakdown = biggest.slice(0, 6).map((p) => `${p.u.pod.name} ${p.u.count}${p.u.atLeast ? "+" : ""} × ${show(key, p.each)}`).join(", ") + (biggest.length > 6 ? `, and ${biggest.length - 6} more` : "");
            findings.push({
                check: ADMISSION_CHECK,
                urn: quota.resource.urn,
                path: `spec.hard.${key}`,
                refusedBy: "Kubernetes API server (ResourceQuota admission)",
                message: `namespace ${policies.name}: its pods need ${key}=${show(key, total)} at the most (${breakdown}), over ResourceQuota ${quotaName}'s ${key}=${show(key, hard)}: pods past the quota are refused with "exceeded quota: ${quotaName}, requested: ${key}=${show(key, refusedEach)}, used: ${key}=${show(key, used)}, limited: ${key}=${show(key, hard)}" and are never created`,
                fix: `raise ${key} of ResourceQuota ${policies.name}/${quotaName} to at least ${show(key, total)}, or lower the replicas or resources of ${biggest.slice(0, 3).map((p) => p.u.pod.name).join(", ")}`,
            });
        }
        const hard = (quota.object.spec?.hard ?? {}) as Plain;
        const tally = [
            { key: "services.nodeports", each: nodePortsOf },
            { key: "services.loadbalancers", each: (s: ServiceModel) => (s.type === "LoadBalancer" ? 1 : 0) },
        ];
        for (const { key, each } of tally) {
            const limit = milliValue(hard[key]);
            if (limit === undefined) {
                continue;
            }
            let used = 0;
            for (const service of services) {
                const requested = each(service) * 1000;
                if (requested > 0 && used + requested > limit) {
                    const lbNodePorts = key === "services.nodeports" && service.type === "LoadBalancer" && service.allocateLoadBalancerNodePorts;
                    findings.push({
                        check: ADMISSION_CHECK,
                        urn: service.urn,
                        path: service.path,
                        refusedBy: "Kubernetes API server (ResourceQuota admission)",
                        message: `${service.description}: services "${service.description.split(/[ /]/)[2] ?? ""}" is forbidden: exceeded quota: ${quotaName}, requested: ${key}=${requested / 1000}, used: ${key}=${used / 1000}, limited: ${key}=${limit / 1000}${lbNodePorts ? " (a LoadBalancer Service allocates a node port per port unless allocateLoadBalancerNodePorts is false)" : ""}${service.urn.includes("kubernetes:helm.sh/") ? "; the Helm release fails and an atomic install rolls back" : ""}`,
                        fix: lbNodePorts
                            ? `set allocateLoadBalancerNodePorts: false on the Service (${service.path}.allocateLoadBalancerNodePorts) if the load balancer reaches pods directly, or raise ${key} of ResourceQuota ${policies.name}/${quotaName} to ${(used + requested) / 1000}`
                            : `raise ${key} of ResourceQuota ${policies.name}/${quotaName} to at least ${(used + requested) / 1000}, or change the Service's type`,
                    });
                }
                used += requested;
            }
        }
    }
    return findings;
}

/** Every admission finding for the pods of a stack (pure: the stack and the pods in, findings out). */
export function admissionFindings(stack: PreflightStack, pods: readonly PodModel[]): PreflightFinding[] {
    const policies = namespacePolicies(stack);
    const placements = new Map<PodModel, PodPlacement>(placementOf(stack, pods).map((p) => [p.pod, p]));
    const findings: PreflightFinding[] = [];
    const uses = new Map<string, QuotaUse[]>();
    for (const pod of pods) {
        const namespace = policies.get(pod.namespace);
        if (!namespace) {
            continue; // nothing declared for it: not judged
        }
        const containers = admitContainers(pod, namespace.limitRanges);
        const refused = resourceFindings(pod, containers, namespace);
        findings.push(...refused, ...podSecurityFindings(pod, namespace));
        if (refused.length > 0) {
            continue; // a refused pod consumes no quota
        }
        const requests = podTotal(containers, "requests", pod.template.spec.resources);
        const limits = podTotal(containers, "limits", pod.template.spec.resources);
        const usage: Resources = new Map([...[...requests].map(([k, v]) => [`requests.${k}`, v] as const), ...[...limits].map(([k, v]) => [`limits.${k}`, v] as const)]);
        const placed = placements.get(pod)?.podsAtMost;
        const list = uses.get(pod.namespace) ?? [];
        list.push({ pod, count: placed ?? pod.replicas, atLeast: pod.kind === "DaemonSet" && placed === undefined, usage });
        uses.set(pod.namespace, list);
    }
    const services = new Map<string, ServiceModel[]>();
    for (const service of servicesOf(stack)) {
        services.set(service.namespace, [...(services.get(service.namespace) ?? []), service]);
    }
    for (const namespace of policies.values()) {
        findings.push(...quotaSumFindings(namespace, uses.get(namespace.name) ?? [], services.get(namespace.name) ?? []));
    }
    return findings;
}

export function admissionCheck(podsOf: (stack: PreflightStack) => readonly PodModel[]): PreflightCheck<PreflightStack> {
    return {
        name: ADMISSION_CHECK,
        description: "Each pod against its namespace's LimitRange, ResourceQuota and Pod Security level, and the namespace's pods and Services against its quota, as the API server's admission plugins judge them.",
        run: (stack) => admissionFindings(stack, podsOf(stack)),
    };
}
