/** Settings of the in-cluster components: where charts come from, and the external hosts the mesh may call. */
import { cidrContains, mustParseCidr, parseCidr, RFC1918_RANGES } from "../lib/cidr";
import { ConfigReader, describe, isPlainObject, SettingDoc } from "../lib/config-reader";
import { DNS_NAME } from "../lib/hostnames";
import type { TenantSettings } from "./tenants";

/** How the application speaks to an external host: TLS it originates itself (HTTPS is TLS carrying HTTP). */
export const EGRESS_PROTOCOLS = ["TLS", "HTTPS"] as const;
export type EgressProtocol = (typeof EGRESS_PROTOCOLS)[number];

/** One external host the mesh may call through the egress gateway, and the namespaces that may call it. */
export interface EgressHost {
    /** A lower-case DNS name outside the cluster (the application's SNI), e.g. `api.stripe.com`. */
    readonly host: string;
    /** The host's port. @default 443 */
    readonly port: number;
    /** The application's protocol; both are passed through by SNI, never terminated. @default "TLS" */
    readonly protocol: EgressProtocol;
    /** Namespaces whose workloads may call it: the platform's (`platform`, `data`) or tenants' (`tenant-<name>`). */
    readonly namespaces: readonly string[];
}

export interface EgressSettings {
    /** External hosts the mesh may reach, each through the egress gateway only. @default [] (nothing leaves the mesh) */
    readonly hosts: readonly EgressHost[];
    /**
     * Private ranges outside the cluster the egress gateway may reach besides the internet, on the hosts' ports: the
     * network of a host that resolves to a private address (an on-prem backup store, a partner link). Never the
     * cluster's own node, pod or service ranges. @default [] (the gateway reaches public addresses only)
     */
    readonly privateDestinations: readonly string[];
}

export interface MeshSettings {
    /**
     * Repository every chart (Istio, the Percona operator, snapscheduler) is installed from instead of
     * its upstream one. @default each chart's upstream repository
     */
    readonly chartRepository?: string;
    readonly egress: EgressSettings;
}

/** Hosts one stack may allow; each becomes a ServiceEntry, a VirtualService and a rule of the gateway's policy. */
export const MAX_EGRESS_HOSTS = 100;
/**
 * Namespaces of the platform's own workloads that may call external hosts (kubernetes-platform.ts PLATFORM_NAMESPACE
 * and DATA_NAMESPACE; settings stay free of the SDK, so the names are repeated here and a test keeps them equal).
 */
export const PLATFORM_EGRESS_NAMESPACES = ["platform", "data"] as const;
export const EGRESS_HOST_FIELDS = ["host", "port", "protocol", "namespaces"] as const;
/** Ranges a private destination may be in: RFC 1918 and RFC 6598 shared space (public ones are reachable anyway). */
const PRIVATE_RANGES = [...RFC1918_RANGES, "100.64.0.0/10"].map(mustParseCidr);
export const MAX_PRIVATE_DESTINATIONS = 16;

export const MESH_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    chartRepository: {
        summary: "Helm repository (https:// or oci://) holding every chart the platform installs (Istio base, cni, istiod, gateway; psmdb-operator; snapscheduler), e.g. an internal mirror for air-gapped clusters.",
        default: "(each chart's upstream repository)",
    },
    egress: {
        summary: `External hosts the mesh may call, all through the egress gateway: \`{hosts: [{host, port?, protocol?, namespaces}], privateDestinations?}\`, at most ${MAX_EGRESS_HOSTS} hosts; host a lower-case DNS name outside the cluster (no wildcard: the gateway routes only to hosts it knows), port 1-65535 (default 443), protocol ${EGRESS_PROTOCOLS.join(" or ")} (default TLS; the application's TLS is passed through by SNI), namespaces the ones allowed to call it (${PLATFORM_EGRESS_NAMESPACES.join(", ")}, or tenant-<name> of a tenant); privateDestinations at most ${MAX_PRIVATE_DESTINATIONS} RFC 1918 or RFC 6598 CIDRs outside the cluster the gateway may also reach (a host on a private network), never the cluster's own ranges.`,
        default: "{hosts: [], privateDestinations: []} (no external host; the gateway reaches public addresses only)",
    },
};

const REPOSITORY = /^(https:\/\/[a-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~\-/]*)?|oci:\/\/[a-z0-9.-]+(:\d+)?(\/[a-z0-9._\-/]*)?)$/;

/** @param tenants the stack's tenants when valid: their namespaces may be named as callers. */
export function readMesh(reader: ConfigReader, tenants: readonly TenantSettings[] = []): Partial<MeshSettings> {
    const egress = readEgress(reader, tenants);
    const chartRepository = reader.get("chartRepository") === undefined
        ? undefined
        : reader.matching("chartRepository", REPOSITORY, "an https:// or oci:// repository URL (plain http would let anyone on the path swap the charts)");
    return {
        ...(chartRepository ? { chartRepository: chartRepository.replace(/\/$/, "") } : {}),
        ...(egress ? { egress } : {}),
    };
}

function readEgress(reader: ConfigReader, tenants: readonly TenantSettings[]): EgressSettings | undefined {
    const value = reader.structured("egress");
    if (value === undefined) {
        return { hosts: [], privateDestinations: [] };
    }
    if (!isPlainObject(value)) {
        reader.problem("egress", `expected {hosts: [{host: api.example.com, namespaces: [platform]}]}, got ${describe(value)}`);
        return undefined;
    }
    if (!reader.onlyFields("egress", "egress", value, ["hosts", "privateDestinations"])) {
        return undefined;
    }
    const privateDestinations = readPrivateDestinations(reader, value.privateDestinations ?? []);
    const hosts = value.hosts ?? [];
    if (!Array.isArray(hosts) || hosts.length > MAX_EGRESS_HOSTS) {
        reader.problem("egress", `egress.hosts must be a list of at most ${MAX_EGRESS_HOSTS} hosts like [{host: api.example.com, namespaces: [platform]}], got ${describe(hosts)}`);
        return undefined;
    }
    const callers = [...PLATFORM_EGRESS_NAMESPACES, ...tenants.map((tenant) => `tenant-${tenant.name}`)];
    const read = hosts.map((entry: unknown, index: number) => readEgressHost(reader, `egress.hosts[${index}]`, entry, callers));
    const valid = read.filter((entry): entry is EgressHost => entry !== undefined);
    const unique = reader.noDuplicates("egress", valid.map((entry) => entry.host), "host of egress.hosts (list every namespace that calls it in one entry)");
    return unique && valid.length === read.length && privateDestinations ? { hosts: valid, privateDestinations } : undefined;
}

function readPrivateDestinations(reader: ConfigReader, value: unknown): string[] | undefined {
    if (!Array.isArray(value) || value.length > MAX_PRIVATE_DESTINATIONS) {
        reader.problem("egress", `egress.privateDestinations must be a list of at most ${MAX_PRIVATE_DESTINATIONS} CIDRs like [10.40.0.0/16], got ${describe(value)}`);
        return undefined;
    }
    let ok = true;
    for (const entry of value) {
        const parsed = typeof entry === "string" ? parseCidr(entry) : undefined;
        if (!parsed || !parsed.ok) {
            reader.problem("egress", `egress.privateDestinations: ${parsed && !parsed.ok ? parsed.reason : `${describe(entry)} is not an IPv4 CIDR`}`);
            ok = false;
        } else if (!PRIVATE_RANGES.some((range) => cidrContains(range, parsed.cidr))) {
            reader.problem("egress", `egress.privateDestinations: ${entry} is not inside ${[...RFC1918_RANGES, "100.64.0.0/10"].join(", ")}; the gateway reaches public addresses already, list only private networks outside the cluster`);
            ok = false;
        }
    }
    ok = reader.noDuplicates("egress", value.filter((entry): entry is string => typeof entry === "string"), "range of egress.privateDestinations") && ok;
    return ok ? value as string[] : undefined;
}

function readEgressHost(reader: ConfigReader, where: string, entry: unknown, callers: readonly string[]): EgressHost | undefined {
    if (!isPlainObject(entry)) {
        reader.problem("egress", `${where} must be an object like {host: api.example.com, namespaces: [platform]}, got ${describe(entry)}`);
        return undefined;
    }
    let ok = reader.onlyFields("egress", where, entry, EGRESS_HOST_FIELDS);
    const host = entry.host;
    if (typeof host !== "string" || !DNS_NAME.test(host)) {
        const wildcard = typeof host === "string" && host.startsWith("*.");
        reader.problem("egress", `${where}.host ${describe(host)} is not a lower-case DNS name like api.example.com${wildcard
            ? "; a wildcard cannot go through the egress gateway, which routes only to hosts it knows (istio.io, \"Egress using Wildcard Hosts\"): list each host"
            : ""}`);
        ok = false;
    } else if (host.endsWith(".cluster.local") || host.endsWith(".svc")) {
        reader.problem("egress", `${where}.host ${JSON.stringify(host)} names a service of the cluster; egress hosts are outside it (services of the mesh need no egress entry)`);
        ok = false;
    }
    const port = entry.port ?? 443;
    if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
        reader.problem("egress", `${where}.port ${describe(port)} is not a port; use a whole number from 1 to 65535`);
        ok = false;
    }
    const protocol = entry.protocol ?? "TLS";
    if (!(EGRESS_PROTOCOLS as readonly unknown[]).includes(protocol)) {
        reader.problem("egress", `${where}.protocol ${describe(protocol)} is not allowed; use ${EGRESS_PROTOCOLS.join(" or ")} (the application originates TLS and the gateway passes it through by SNI; plaintext would leave the cluster unencrypted)`);
        ok = false;
    }
    const namespaces = entry.namespaces;
    if (!Array.isArray(namespaces) || namespaces.length === 0 || !namespaces.every((ns) => typeof ns === "string")) {
        reader.problem("egress", `${where}.namespaces must name at least one namespace allowed to call the host (${callers.join(", ")}), got ${describe(namespaces)}`);
        return undefined;
    }
    for (const ns of namespaces.filter((ns) => !callers.includes(ns))) {
        reader.problem("egress", `${where}.namespaces: ${JSON.stringify(ns)} is not a namespace of the platform; use one of ${callers.join(", ")}`);
        ok = false;
    }
    ok = reader.noDuplicates("egress", namespaces, `namespace of ${where}.namespaces`) && ok;
    return ok ? { host: host as string, port: port as number, protocol: protocol as EgressProtocol, namespaces: namespaces as string[] } : undefined;
}
