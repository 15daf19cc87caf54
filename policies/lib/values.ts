/**
 * Reading property bags safely. Values may be missing (a provider default applies) or, during a
 * preview, unknown: touching an unknown value throws inside the policy SDK, which reports the rule as
 * unable to run during preview. Helpers here never read more than the rule asks for.
 */
import type { PolicyResource } from "./policy-api";
import type { Props } from "./rule";

/** The list at `value`, or an empty list when it is missing. */
export function list(value: unknown): Props[] {
    return Array.isArray(value) ? (value as Props[]) : [];
}

/** Whether a TCP/UDP/all-protocols port range includes `port`. */
export function rangeIncludes(protocol: unknown, fromPort: unknown, toPort: unknown, port: number): boolean {
    const proto = String(protocol).toLowerCase();
    if (proto === "-1" || proto === "all") {
        return true;
    }
    if (proto !== "tcp" && proto !== "6" && proto !== "udp" && proto !== "17") {
        return false;
    }
    return Number(fromPort) <= port && port <= Number(toPort);
}

/** IPv4 or IPv6 "anywhere". */
export function isAnywhere(cidr: unknown): boolean {
    return cidr === "0.0.0.0/0" || cidr === "::/0";
}

/**
 * The resources of `resources` that point at a target through `property` (e.g. the flow logs whose
 * `vpcId` is a VPC's), in stack order: `referrers(flowLogs, "vpcId")(vpc)`. The engine's dependency
 * records answer this even during a preview, when ids are not known yet; a literal value (a resource
 * managed elsewhere) is compared with the target's `targetProperty`. The references are indexed on the
 * first lookup, so judging every target costs one pass over `resources`, not one per target.
 */
export function referrers(resources: readonly PolicyResource[], property: string, targetProperty = "id"): (target: PolicyResource) => PolicyResource[] {
    let index: { byTarget: Map<PolicyResource, number[]>; byValue: Map<unknown, number[]> } | undefined;
    const add = <K>(map: Map<K, number[]>, key: K, at: number) => {
        const found = map.get(key);
        if (!found) {
            map.set(key, [at]);
        } else if (found[found.length - 1] !== at) {
            found.push(at);
        }
    };
    const build = () => {
        const byTarget = new Map<PolicyResource, number[]>();
        const byValue = new Map<unknown, number[]>();
        resources.forEach((resource, at) => {
            const viaProperty = resource.propertyDependencies[property];
            if (viaProperty && viaProperty.length > 0) {
                viaProperty.forEach((target) => add(byTarget, target, at));
            } else if (!(property in resource.props)) {
                // Set from another resource's output without a record of which property: trust the dependency.
                resource.dependencies.forEach((target) => add(byTarget, target, at));
            } else {
                const value = resource.props[property];
                if (value !== undefined) {
                    add(byValue, value, at);
                }
            }
        });
        return { byTarget, byValue };
    };
    return (target) => {
        index ??= build();
        const found = [...(index.byTarget.get(target) ?? [])];
        if (index.byValue.size > 0) {
            const value = target.props[targetProperty];
            if (value !== undefined) {
                found.push(...(index.byValue.get(value) ?? []));
            }
        }
        return found.sort((a, b) => a - b).map((at) => resources[at]);
    };
}

/** Resources grouped by a key, each group in stack order. */
export function groupBy<K>(resources: readonly PolicyResource[], key: (resource: PolicyResource) => K): Map<K, PolicyResource[]> {
    const groups = new Map<K, PolicyResource[]>();
    for (const resource of resources) {
        const k = key(resource);
        const group = groups.get(k);
        if (group) {
            group.push(resource);
        } else {
            groups.set(k, [resource]);
        }
    }
    return groups;
}

/** Resources of a type, in stack order. */
export function ofType(resources: readonly PolicyResource[], type: string): PolicyResource[] {
    return resources.filter((r) => r.type === type);
}
