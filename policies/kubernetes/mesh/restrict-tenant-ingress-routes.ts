/**
 * Who may route which host through a shared Istio gateway. A Gateway server host is `<namespace>/<host>`: only
 * VirtualServices in that namespace can bind it (`*` or no prefix: any namespace). istiod builds each bound
 * VirtualService's virtual hosts from the server hosts of its own namespace only (istio 1.29.0,
 * pkg/config/host/names.go NamesForNamespace), and merges the routes of every namespace granted the same host
 * (pilot/pkg/networking/core/gateway.go). Separately, a VirtualService exported beyond its namespace also
 * rewrites the routing of other namespaces' sidecars for the hosts it names, and one without `exportTo`
 * takes the mesh default, which is every namespace unless meshConfig says otherwise (istio/api
 * networking/v1alpha3/virtual_service.proto, `export_to`).
 */
import { GATEWAY_TYPES, isIstiodChart, VIRTUAL_SERVICE_TYPES } from "../../lib/istio";
import { strings } from "../../lib/kubernetes-kinds";
import type { PolicyResource } from "../../lib/policy-api";
import { defineStackRule, type StackReport } from "../../lib/rule";

const gatewayTypes: readonly string[] = GATEWAY_TYPES;
const virtualServiceTypes: readonly string[] = VIRTUAL_SERVICE_TYPES;

function namespaceOf(resource: PolicyResource): string {
    return String(resource.props.metadata?.namespace ?? "default");
}

function title(kind: string, resource: PolicyResource): string {
    return `${kind} ${namespaceOf(resource)}/${resource.props.metadata?.name ?? "(unnamed)"}`;
}

/** Istio's host overlap: equal, or a wildcard whose suffix ends the other (`*.a.com` and `x.a.com`). */
function overlap(a: string, b: string): boolean {
    return a === b || a === "*" || b === "*" || (a.startsWith("*.") && b.endsWith(a.slice(1))) || (b.startsWith("*.") && a.endsWith(b.slice(1)));
}

/** Whether a granted host admits every name `host` stands for. */
function covers(granted: string, host: string): boolean {
    return granted === host || granted === "*" || (granted.startsWith("*.") && host.endsWith(granted.slice(1)));
}

/**
 * A VirtualService's `gateways` entry as `<namespace>/<name>`, the way istiod resolves it: `./name` and a bare
 * name are in the VirtualService's namespace, the legacy `name.namespace.svc...` form names its namespace
 * second (pilot/pkg/model/config.go resolveGatewayName). `mesh` stays as it is.
 */
function resolveGateway(reference: string, namespace: string): string {
    if (reference === "mesh") {
        return reference;
    }
    const slash = reference.indexOf("/");
    if (slash >= 0) {
        return reference.slice(0, slash) === "." ? `${namespace}/${reference.slice(slash + 1)}` : reference;
    }
    const [name, gatewayNamespace] = reference.split(".");
    return gatewayNamespace === undefined ? `${namespace}/${name}` : `${gatewayNamespace}/${name}`;
}

interface Grant {
    readonly gateway: PolicyResource;
    /** `<namespace>/<name>` of the Gateway, as VirtualServices name it; read once, so reports read no property. */
    readonly gatewayName: string;
    readonly namespace: string;
    readonly host: string;
}

/** Reads every Gateway's server hosts as grants, reporting those any namespace can bind. */
function readGrants(gateways: readonly PolicyResource[], trusted: ReadonlySet<string>, report: StackReport): Grant[] {
    const grants: Grant[] = [];
    for (const gateway of gateways) {
        const own = namespaceOf(gateway);
        const gatewayName = `${own}/${gateway.props.metadata?.name ?? "(unnamed)"}`;
        for (const server of Array.isArray(gateway.props.spec?.servers) ? gateway.props.spec.servers : []) {
            for (const entry of strings(server?.hosts)) {
                const slash = entry.indexOf("/");
                const prefix = slash < 0 ? "*" : entry.slice(0, slash);
                const host = slash < 0 ? entry : entry.slice(slash + 1);
                if (prefix === "*") {
                    report(gateway, `Gateway ${gatewayName} serves ${JSON.stringify(entry)} to VirtualServices of every namespace: any namespace that can create a VirtualService can route ${host === "*" ? "every host" : host} through it. Expected \`<namespace>/<host>\`.`);
                    continue;
                }
                const namespace = prefix === "." ? own : prefix;
                if (host === "*" && namespace !== own && !trusted.has(namespace)) {
                    report(gateway, `Gateway ${gatewayName} grants every host to namespace ${namespace} (${JSON.stringify(entry)}): its VirtualServices can add routes to any other namespace's hosts. Expected the namespace's own hosts.`);
                }
                grants.push({ gateway, gatewayName, namespace, host });
            }
        }
    }
    return grants;
}

/** Reports hosts granted to two namespaces (outside the trusted ones): both would route them. */
function reportSharedHosts(grants: readonly Grant[], trusted: ReadonlySet<string>, report: StackReport): void {
    const owned = grants.filter((g) => !trusted.has(g.namespace) && g.host !== "*");
    const plain = new Map<string, Grant>();
    const shared = (a: Grant, b: Grant) => report(b.gateway, `Gateway ${b.gatewayName} grants ${b.host} to namespace ${b.namespace}, and Gateway ${a.gatewayName} grants ${a.host} to namespace ${a.namespace}: both namespaces can route the same requests. Expected each host granted to one namespace.`);
    for (const grant of owned.filter((g) => !g.host.startsWith("*."))) {
        const first = plain.get(grant.host);
        if (first && first.namespace !== grant.namespace) {
            shared(first, grant);
        } else if (!first) {
            plain.set(grant.host, grant);
        }
    }
    const wildcards = owned.filter((g) => g.host.startsWith("*."));
    wildcards.forEach((wildcard, i) => {
        for (const other of [...plain.values(), ...wildcards.slice(i + 1)]) {
            if (other.namespace !== wildcard.namespace && overlap(wildcard.host, other.host)) {
                shared(other, wildcard);
            }
        }
    });
}

/** `meshConfig.defaultVirtualServiceExportTo` of the istiod the stack installs; Istio's own default is every namespace. */
function defaultExportTo(resources: readonly PolicyResource[]): string[] {
    const istiod = resources.find((r) => isIstiodChart(r.type, r.props));
    const configured = istiod?.props.values?.meshConfig?.defaultVirtualServiceExportTo;
    return Array.isArray(configured) ? configured.map(String) : ["*"];
}

export default defineStackRule<{ trustedNamespaces: string[] }>({
    name: "restrict-tenant-ingress-routes",
    description: "Shared Istio gateways must grant each host to one namespace (`<namespace>/<host>`, never unqualified or `*/`), and a VirtualService outside the trusted namespaces may bind a gateway only for hosts granted to its own namespace and be exported only to its own namespace and the gateways it binds.",
    severity: "high",
    controls: ["Istio BP avoid-overly-broad-hosts-configurations", "NIST SP 800-53 AC-4"],
    remediation: "Write every Gateway server host as `<namespace>/<host>` (the platform: `tenants[].hosts` and `domainName`); give each tenant's VirtualService only hosts of its own (`spec.hosts`), `gateways: [<gateway namespace>/<gateway name>]` and `exportTo` limited to `.` and the gateway's namespace (e.g. `[\".\", \"istio-ingress\"]`).",
    config: {
        trustedNamespaces: {
            type: "array",
            items: { type: "string" },
            default: ["istio-system", "istio-ingress", "istio-egress"],
            description: "Namespaces only cluster administrators write to: their VirtualServices are not judged, and a Gateway may grant them every host. The egress gateway's namespace exports each external host's route to the namespaces the stack lets call it.",
        },
    },
    validate(resources, { config }, report) {
        const trusted = new Set(config.trustedNamespaces);
        const grants = readGrants(resources.filter((r) => gatewayTypes.includes(r.type)), trusted, report);
        reportSharedHosts(grants, trusted, report);
        const virtualServices = resources.filter((r) => virtualServiceTypes.includes(r.type) && !trusted.has(namespaceOf(r)));
        if (virtualServices.length === 0) {
            return;
        }
        const grantedTo = new Map<string, string[]>();
        for (const grant of grants) {
            const key = `${grant.gatewayName}|${grant.namespace}`;
            grantedTo.set(key, grantedTo.get(key) ?? []);
            grantedTo.get(key)!.push(grant.host);
        }
        const inStack = new Set(grants.map((g) => g.gatewayName));
        const meshDefault = defaultExportTo(resources);
        for (const vs of virtualServices) {
            const namespace = namespaceOf(vs);
            const bound = strings(vs.props.spec?.gateways).map((g) => resolveGateway(g, namespace)).filter((g) => g !== "mesh");
            const exportTo = vs.props.spec?.exportTo === undefined ? meshDefault : strings(vs.props.spec.exportTo);
            // `~` exports nowhere; `.` and its own name keep it in its namespace; a gateway reads only what is exported to its namespace.
            const allowed = new Set([".", "~", namespace, ...bound.map((g) => g.split("/")[0])]);
            const beyond = exportTo.filter((e) => !allowed.has(e));
            if (beyond.length > 0) {
                report(vs, `${title("VirtualService", vs)} is exported to ${beyond.join(", ")}${vs.props.spec?.exportTo === undefined ? " (the mesh default)" : ""}: its routes apply to sidecars there, for hosts other namespaces own. Expected exportTo limited to "." and the namespaces of the gateways it binds (${[...allowed].filter((a) => a !== "~" && a !== namespace).join(", ")}).`);
            }
            for (const gateway of bound.filter((g) => inStack.has(g))) {
                const mine = grantedTo.get(`${gateway}|${namespace}`) ?? [];
                for (const host of strings(vs.props.spec?.hosts).filter((h) => !mine.some((g) => covers(g, h)))) {
                    report(vs, `${title("VirtualService", vs)} binds Gateway ${gateway} for ${host}, which the gateway does not grant to namespace ${namespace} (it grants ${mine.length > 0 ? mine.join(", ") : "nothing"}). Expected only the namespace's own hosts.`);
                }
            }
        }
    },
});
