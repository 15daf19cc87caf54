/**
 * Container resources of everything the platform runs, and the namespace quotas derived from them: a
 * namespace's ResourceQuota must admit every pod it will hold at its largest (an autoscaler's maximum, the
 * extra pods of a rolling update, a DaemonSet's pod on every node), or the API server refuses a pod at the
 * worst moment (a scale-up, an upgrade, a new node). Quotas cap both requests and limits at the same value,
 * and a container's request never exceeds its limit, so the limits decide.
 */
import { formatQuantity, milliValue } from "../lib/quantity";
import type { NamespaceQuota } from "./secure-namespace";

export interface ResourceList {
    readonly cpu: string;
    readonly memory: string;
}

/** Requests and limits of one container, both always set: no LimitRange default ever applies to it. */
export interface ContainerResources {
    readonly requests: ResourceList;
    readonly limits: ResourceList;
}

/** Pods of one kind in a namespace: how many at most, and the containers that run at once in each. */
export interface PodFootprint {
    readonly pods: number;
    readonly containers: readonly ContainerResources[];
}

/** A mutable copy, for chart values and resource specs. */
export function resourceValues(resources: ContainerResources): { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } } {
    return { requests: { ...resources.requests }, limits: { ...resources.limits } };
}

/** Pods of a Deployment at its largest during a rolling update: `replicas` plus the surge (Kubernetes' default 25%, rounded up). */
export function withRollingSurge(replicas: number, maxSurge: number = Math.ceil(replicas * 0.25)): number {
    return replicas + maxSurge;
}

function sum(values: readonly number[]): number {
    return values.reduce((total, value) => total + value, 0);
}

function milli(quantity: string, what: string): number {
    const value = milliValue(quantity);
    if (value === undefined) {
        throw new Error(`resources: ${what} ${JSON.stringify(quantity)} is not a Kubernetes quantity`);
    }
    return value;
}

/** Checks a container's resources: every value a quantity, no request above its limit. */
export function validateContainerResources(resources: ContainerResources, what: string): void {
    for (const resource of ["cpu", "memory"] as const) {
        if (milli(resources.requests[resource], `${what} requests.${resource}`) > milli(resources.limits[resource], `${what} limits.${resource}`)) {
            throw new Error(`resources: ${what} requests ${resources.requests[resource]} ${resource}, more than its limit ${resources.limits[resource]}`);
        }
    }
}

/**
 * The quota that admits every pod of `footprints` at once: the sum of their limits, their count, and the
 * storage and Service allowances given.
 */
export function quotaFor(footprints: readonly PodFootprint[], extra: Pick<NamespaceQuota, "storage"> & Partial<Pick<NamespaceQuota, "nodePorts" | "loadBalancers">>): NamespaceQuota {
    const total = (resource: "cpu" | "memory") => sum(footprints.map((f) => f.pods * sum(f.containers.map((c) => milli(c.limits[resource], `limits.${resource}`)))));
    return {
        cpu: formatQuantity("cpu", total("cpu")),
        memory: formatQuantity("memory", total("memory")),
        pods: sum(footprints.map((f) => f.pods)),
        ...extra,
    };
}

/** A quantity times a whole number, in the unit it was given in (`"100Gi"` × 3 → `"300Gi"`). */
export function multiplyQuantity(quantity: string, factor: number, resource: "storage" | "memory" | "cpu"): string {
    return formatQuantity(resource, milli(quantity, resource) * factor);
}
