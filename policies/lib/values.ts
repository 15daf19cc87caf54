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
 * Whether `resource` points at `target` through `property` (e.g. a flow log's `vpcId` at a VPC).
 * The engine's dependency records answer this even during a preview, when ids are not known yet; a
 * literal value (a resource managed elsewhere) is compared with the target's `targetProperty`.
 */
export function refersTo(resource: PolicyResource, property: string, target: PolicyResource, targetProperty = "id"): boolean {
    const viaProperty = resource.propertyDependencies[property];
    if (viaProperty && viaProperty.length > 0) {
        return viaProperty.includes(target);
    }
    if (resource.dependencies.includes(target) && !(property in resource.props)) {
        return true;
    }
    const value = resource.props[property];
    return value !== undefined && value === target.props[targetProperty];
}

/** Resources of a type, in stack order. */
export function ofType(resources: readonly PolicyResource[], type: string): PolicyResource[] {
    return resources.filter((r) => r.type === type);
}
