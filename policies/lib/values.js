"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.list = list;
exports.rangeIncludes = rangeIncludes;
exports.isAnywhere = isAnywhere;
exports.refersTo = refersTo;
exports.ofType = ofType;
/** The list at `value`, or an empty list when it is missing. */
function list(value) {
    return Array.isArray(value) ? value : [];
}
/** Whether a TCP/UDP/all-protocols port range includes `port`. */
function rangeIncludes(protocol, fromPort, toPort, port) {
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
function isAnywhere(cidr) {
    return cidr === "0.0.0.0/0" || cidr === "::/0";
}
/**
 * Whether `resource` points at `target` through `property` (e.g. a flow log's `vpcId` at a VPC).
 * The engine's dependency records answer this even during a preview, when ids are not known yet; a
 * literal id (a resource managed elsewhere) is compared with the target's id.
 */
function refersTo(resource, property, target) {
    const viaProperty = resource.propertyDependencies[property];
    if (viaProperty && viaProperty.length > 0) {
        return viaProperty.includes(target);
    }
    if (resource.dependencies.includes(target) && !(property in resource.props)) {
        return true;
    }
    const value = resource.props[property];
    return value !== undefined && value === target.props.id;
}
/** Resources of a type, in stack order. */
function ofType(resources, type) {
    return resources.filter((r) => r.type === type);
}
