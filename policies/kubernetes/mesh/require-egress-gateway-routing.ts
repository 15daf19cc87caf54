/**
 * External hosts the mesh calls without its egress gateway. A ServiceEntry of an external host (location
 * MESH_EXTERNAL, Istio's default when `location` is left out: istio/api networking/v1alpha3/service_entry.proto)
 * lets the sidecars of the namespaces it is exported to call that host from their own node, unless a
 * VirtualService sends the host's traffic from the mesh to the egress gateway: then it leaves through the gateway's
 * pods only, where the gateway's AuthorizationPolicy decides who may call it and its access log records the call
 * (Istio security best practices, "Securing egress traffic"; the Istio "Egress Gateways" task).
 *
 * Decided here: an entry with `location: MESH_INTERNAL` describes workloads of the mesh (VMs with sidecars,
 * WorkloadEntries) and is not judged; names of the cluster (`*.svc`, `*.cluster.local`) are not external; hosts
 * the rule's directHosts cover (AWS APIs, reached through the VPC's endpoints rather than the internet) pass. A
 * host is routed when a VirtualService that applies to sidecars (`gateways` absent or naming `mesh`) names it and
 * sends some route (http, tls or tcp) to one of the egressGatewayServices.
 */
import { SERVICE_ENTRY_TYPES, VIRTUAL_SERVICE_TYPES } from "../../lib/istio";
import { isPatch, namespaceOf, qualifiedName, strings } from "../../lib/kubernetes-kinds";
import type { PolicyResource } from "../../lib/policy-api";
import { defineStackRule } from "../../lib/rule";
import { list } from "../../lib/values";

const serviceEntryTypes: readonly string[] = SERVICE_ENTRY_TYPES;
const virtualServiceTypes: readonly string[] = VIRTUAL_SERVICE_TYPES;

/** Whether `pattern` (a name, or `*.` and a suffix) covers `host`, the way Istio matches hosts. */
function covers(pattern: string, host: string): boolean {
    return pattern === host || pattern === "*" || (pattern.startsWith("*.") && host.endsWith(pattern.slice(1)));
}

/**
 * The patterns that would cover `host`: itself, `*`, and `*.` with each of its parent domains (`a.b.c` → `*.b.c`,
 * `*.c`), so a host is looked up in a set of routed hosts in as many steps as it has labels, whatever their number.
 */
function coveringPatterns(host: string): string[] {
    const labels = host.split(".");
    return [host, "*", ...labels.slice(1).map((_, i) => `*.${labels.slice(i + 1).join(".")}`)];
}

function inCluster(host: string): boolean {
    return host.endsWith(".svc") || host.endsWith(".cluster.local") || !host.includes(".");
}

/**
 * A service host as `<name>.<namespace>`: a short name is in the VirtualService's namespace, and the
 * `.svc.cluster.local` or `.svc` suffix is dropped (Istio resolves short names in the rule's namespace).
 */
function serviceKey(host: string, namespace: string): string {
    const trimmed = host.replace(/\.svc\.cluster\.local$/, "").replace(/\.svc$/, "");
    return trimmed.includes(".") ? trimmed : `${trimmed}.${namespace}`;
}

/** The hosts a VirtualService sends from the sidecars to an egress gateway, or none. */
function routedHosts(vs: PolicyResource, gateways: ReadonlySet<string>): string[] {
    const spec = vs.props.spec ?? {};
    const bound = strings(spec.gateways);
    if (bound.length > 0 && !bound.includes("mesh")) {
        return [];
    }
    const namespace = namespaceOf(vs.props);
    const routes = [...list(spec.http), ...list(spec.tls), ...list(spec.tcp)];
    const toGateway = routes.some((route) => {
        // A route matched only for a gateway (not `mesh`) does not apply to sidecars.
        const matchGateways = list(route.match).flatMap((m) => strings(m.gateways));
        if (matchGateways.length > 0 && !matchGateways.includes("mesh")) {
            return false;
        }
        return list(route.route).some((destination) => typeof destination.destination?.host === "string"
            && gateways.has(serviceKey(destination.destination.host, namespace)));
    });
    return toGateway ? strings(spec.hosts) : [];
}

export default defineStackRule<{ egressGatewayServices: string[]; directHosts: string[] }>({
    name: "require-egress-gateway-routing",
    description: "Every external host a ServiceEntry lets the mesh call (location MESH_EXTERNAL, the default) must be routed through the egress gateway by a VirtualService, so it leaves the cluster only where the gateway authorizes and logs it.",
    severity: "high",
    controls: ["Istio BP securing-egress-traffic", "NIST SP 800-53 SC-7"],
    remediation: "List the host in the stack's `egress.hosts` with the namespaces that call it (the platform creates the ServiceEntry, the VirtualService through the egress gateway, the gateway's route and its authorization: README, \"Allowing an external host\") and remove the team's own ServiceEntry; or add a VirtualService that sends the host from `mesh` to the egress gateway's Service. An AWS API reached through a VPC endpoint is covered by the rule's directHosts.",
    config: {
        egressGatewayServices: {
            type: "array",
            items: { type: "string" },
            default: ["istio-egress.istio-egress.svc.cluster.local"],
            description: "Services of the egress gateways external traffic must go through.",
        },
        directHosts: {
            type: "array",
            items: { type: "string" },
            default: ["*.amazonaws.com"],
            description: "Hosts (names or `*.` suffixes) reached without the egress gateway: AWS APIs, which the platform reaches through the VPC's endpoints (the S3 gateway endpoint for logical backups), not the internet.",
        },
    },
    validate(resources, { config }, report) {
        const entries = resources.filter((r) => serviceEntryTypes.includes(r.type) && !isPatch(r.type));
        if (entries.length === 0) {
            return;
        }
        const gateways = new Set(config.egressGatewayServices.map((s) => serviceKey(s, "default")));
        const routed = new Set(resources.filter((r) => virtualServiceTypes.includes(r.type) && !isPatch(r.type)).flatMap((vs) => routedHosts(vs, gateways)));
        for (const entry of entries) {
            const spec = entry.props.spec ?? {};
            if (spec.location === "MESH_INTERNAL") {
                continue;
            }
            const external = strings(spec.hosts).filter((host) => !inCluster(host) && !config.directHosts.some((direct) => covers(direct, host)));
            for (const host of external.filter((h) => !coveringPatterns(h).some((pattern) => routed.has(pattern)))) {
                report(entry, `ServiceEntry ${qualifiedName(entry.props)} lets the mesh call ${host} (location ${spec.location ?? "MESH_EXTERNAL, the default"}) and no VirtualService sends it to the egress gateway (${config.egressGatewayServices.join(", ")}): sidecars call it from their own node, past the gateway's authorization and access log. Expected the host in the stack's egress.hosts, or a VirtualService routing it from mesh to the egress gateway.`);
            }
        }
    },
});
