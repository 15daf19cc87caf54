/**
 * Tenants (Enterprise edition): each becomes a namespace with the full baseline, an RBAC role for the
 * tenant's group, mesh authorization that admits only the ingress gateway and the tenant itself, and the
 * hosts the shared ingress gateway routes to that namespace alone.
 */
import { ConfigReader, describe, isPlainObject } from "../lib/config-reader";
import { hostsOverlap, isHostPattern } from "../lib/hostnames";
import { isDns1123Label } from "../lib/naming";

/** Tenants become namespaces, roles and mesh policies; past this a single stack is the wrong tool. */
export const MAX_TENANTS = 1000;
/** A tenant's namespace is `tenant-<name>`, which must stay a DNS-1123 label (63 characters). */
export const MAX_TENANT_NAME_LENGTH = 40;
/** Hosts one tenant may publish through the gateway; more belong behind a wildcard (`*.acme.example.com`). */
export const MAX_TENANT_HOSTS = 20;
/**
 * Versions of one tenant's key the stack keeps (infra/secrets/tenant-keys.ts): every version from 1 to the
 * current one stays readable, each a key and its ciphertext, so the bound caps the resources a tenant adds.
 */
export const MAX_TENANT_KEY_GENERATION = 16;

export interface TenantQuota {
    /** Total CPU requests and limits of the namespace, a Kubernetes quantity ("8", "500m"). */
    readonly cpu: string;
    /** Total memory requests and limits, e.g. "16Gi". */
    readonly memory: string;
    readonly pods: number;
    /** Total storage requested by PersistentVolumeClaims, e.g. "100Gi". */
    readonly storage: string;
}

export interface TenantSettings {
    /** DNS-1123 label; the tenant's namespace is `tenant-<name>`. */
    readonly name: string;
    /** The Kubernetes group (from the cluster's authentication, e.g. an EKS access entry) bound to the tenant's role. */
    readonly group: string;
    /** Whether the tenant's group may read Secrets in its namespace. @default false */
    readonly readSecrets: boolean;
    readonly quota: TenantQuota;
    /**
     * Hosts (DNS names, or `*.` wildcard subdomains) the shared ingress gateway routes for this tenant: only
     * VirtualServices in the tenant's namespace can bind them, and no other tenant's or the platform's host
     * overlaps them. @default `<name>.<domainName>` when the stack has a domainName, else none (no ingress)
     */
    readonly hosts: readonly string[];
    /**
     * The version of the tenant's key that encrypts new data; raising it by one rotates the key (README, "Rotating
     * keys"). Every earlier version stays stored and readable. @default 1
     */
    readonly keyGeneration: number;
}

/**
 * A tenant's quota unless it sets its own. Requests and limits are both capped at `cpu` and `memory`, so the
 * limits decide: a pod of one container with its namespace's default limits (500m, 512Mi) and the mesh
 * sidecar (500m, 512Mi) counts 1 CPU and 1Gi, and eight such pods fit.
 */
export const DEFAULT_TENANT_QUOTA: TenantQuota = { cpu: "8", memory: "16Gi", pods: 50, storage: "50Gi" };
export const MAX_TENANT_PODS = 1000;

export const TENANT_FIELDS = ["name", "group", "readSecrets", "quota", "hosts", "keyGeneration"] as const;
const QUOTA_FIELDS = ["cpu", "memory", "pods", "storage"] as const;

export const TENANT_FIELDS_DOC =
    "`{name, group?, readSecrets?, quota?: {cpu, memory, pods, storage}, hosts?, keyGeneration?}`; the group defaults to `tenant-<name>-developers`, "
    + `Secrets stay unreadable unless readSecrets is true, the quota defaults to ${DEFAULT_TENANT_QUOTA.cpu} CPU, ${DEFAULT_TENANT_QUOTA.memory}, ${DEFAULT_TENANT_QUOTA.pods} pods and ${DEFAULT_TENANT_QUOTA.storage}, `
    + `hosts (at most ${MAX_TENANT_HOSTS} DNS names or *. wildcards, owned by this tenant alone) default to <name>.<domainName>, `
    + `keyGeneration (1 to ${MAX_TENANT_KEY_GENERATION}, default 1) is the version of the tenant's key new data is encrypted with: raise it by one to rotate the key, earlier versions stay readable`;

/** The default group a tenant's developers are mapped to. */
export function defaultTenantGroup(name: string): string {
    return `tenant-${name}-developers`;
}

const CPU = /^(\d+(\.\d{1,3})?|\d+m)$/;
const BYTES = /^\d+(Ki|Mi|Gi|Ti)$/;

/**
 * @param domainName the platform's own host (already validated, or undefined): tenants' hosts default to a
 * name below it and may not overlap it.
 */
export function readTenants(reader: ConfigReader, domainName?: string): TenantSettings[] | undefined {
    const value = reader.structured("tenants");
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value)) {
        reader.problem("tenants", `expected a list of tenants like [{name: acme}], got ${describe(value)}`);
        return undefined;
    }
    if (value.length > MAX_TENANTS) {
        reader.problem("tenants", `${value.length} tenants given; at most ${MAX_TENANTS} fit one stack, split them across stacks`);
        return undefined;
    }
    const tenants: TenantSettings[] = [];
    let ok = true;
    value.forEach((entry: unknown, index: number) => {
        const tenant = readTenant(reader, `tenants[${index}]`, entry, domainName);
        if (tenant) {
            tenants.push(tenant);
        } else {
            ok = false;
        }
    });
    ok = reader.noDuplicates("tenants", tenants.map((t) => t.name), "tenant name") && ok;
    ok = ok && hostsHaveOneOwner(reader, tenants, domainName);
    return ok ? tenants : undefined;
}

/**
 * Every host belongs to one tenant and none overlaps the platform's own host: the gateway grants each host to
 * one namespace, and two namespaces granted overlapping hosts would both route them (hostsOverlap). Wildcards
 * are few, so each is compared with every host and plain names only with each other.
 */
function hostsHaveOneOwner(reader: ConfigReader, tenants: readonly TenantSettings[], domainName: string | undefined): boolean {
    const owners = tenants.flatMap((tenant, index) => tenant.hosts.map((host) => ({ host, index })));
    const report = (index: number, host: string, other: string) => reader.problem("tenants", `tenants[${index}].hosts: ${JSON.stringify(host)} ${other}; each host is routed for one tenant only`);
    let ok = true;
    const plain = new Map<string, number>();
    for (const { host, index } of owners) {
        if (domainName && hostsOverlap(host, domainName)) {
            report(index, host, `overlaps domainName ${JSON.stringify(domainName)}, the platform's own host`);
            ok = false;
        }
        if (!host.startsWith("*.")) {
            const first = plain.get(host);
            if (first !== undefined && first !== index) {
                report(index, host, `is also a host of tenants[${first}] (${tenants[first].name})`);
                ok = false;
            }
            plain.set(host, first ?? index);
        }
    }
    for (const wildcard of owners.filter((o) => o.host.startsWith("*."))) {
        for (const other of owners) {
            // Two wildcards are one pair: reported once, from the first tenant's side.
            const seenFromOther = other.host.startsWith("*.") && other.index < wildcard.index;
            if (other.index !== wildcard.index && !seenFromOther && hostsOverlap(wildcard.host, other.host)) {
                report(wildcard.index, wildcard.host, `overlaps ${JSON.stringify(other.host)} of tenants[${other.index}] (${tenants[other.index].name})`);
                ok = false;
            }
        }
    }
    return ok;
}

function readTenant(reader: ConfigReader, where: string, entry: unknown, domainName: string | undefined): TenantSettings | undefined {
    if (!isPlainObject(entry)) {
        reader.problem("tenants", `${where} must be an object like {name: acme}, got ${describe(entry)}`);
        return undefined;
    }
    let ok = reader.onlyFields("tenants", where, entry, TENANT_FIELDS);
    const name = entry.name;
    if (typeof name !== "string") {
        reader.problem("tenants", `${where}.name is required and must be a string`);
        return undefined;
    }
    if (!isDns1123Label(name) || name.length > MAX_TENANT_NAME_LENGTH) {
        reader.problem("tenants", `${where}.name ${JSON.stringify(name)} must be a DNS-1123 label of at most ${MAX_TENANT_NAME_LENGTH} characters (lower-case letters, digits and '-', starting with a letter and ending with a letter or digit)`);
        return undefined;
    }
    const group = entry.group ?? defaultTenantGroup(name);
    if (typeof group !== "string" || group.length === 0 || group.length > 255 || group.startsWith("system:")) {
        reader.problem("tenants", `${where}.group must be a non-empty Kubernetes group name of at most 255 characters that does not start with system:, got ${describe(group)}`);
        ok = false;
    }
    const readSecrets = entry.readSecrets ?? false;
    if (typeof readSecrets !== "boolean") {
        reader.problem("tenants", `${where}.readSecrets must be true or false, got ${describe(readSecrets)}`);
        ok = false;
    }
    const keyGeneration = entry.keyGeneration ?? 1;
    if (typeof keyGeneration !== "number" || !Number.isInteger(keyGeneration) || keyGeneration < 1 || keyGeneration > MAX_TENANT_KEY_GENERATION) {
        reader.problem("tenants", `${where}.keyGeneration must be a whole number from 1 to ${MAX_TENANT_KEY_GENERATION} (the key version new data is encrypted with; raise it by one to rotate), got ${describe(keyGeneration)}`);
        ok = false;
    }
    const quota = readQuota(reader, `${where}.quota`, entry.quota);
    const hosts = readHosts(reader, `${where}.hosts`, entry.hosts, domainName ? [`${name}.${domainName}`] : []);
    return ok && quota && hosts ? { name, group: group as string, readSecrets: readSecrets as boolean, quota, hosts, keyGeneration: keyGeneration as number } : undefined;
}

function readHosts(reader: ConfigReader, where: string, value: unknown, defaults: readonly string[]): string[] | undefined {
    if (value === undefined) {
        return [...defaults];
    }
    if (!Array.isArray(value) || value.length > MAX_TENANT_HOSTS) {
        reader.problem("tenants", `${where} must be a list of at most ${MAX_TENANT_HOSTS} host names like [acme.example.com, "*.acme.example.com"], got ${describe(value)}`);
        return undefined;
    }
    let ok = true;
    for (const host of value) {
        if (typeof host !== "string" || !isHostPattern(host)) {
            reader.problem("tenants", `${where}: ${describe(host)} is not a lower-case DNS name or a *. wildcard subdomain (e.g. acme.example.com, *.acme.example.com)`);
            ok = false;
        }
    }
    return reader.noDuplicates("tenants", value.filter((h): h is string => typeof h === "string"), `host of ${where}`) && ok ? value as string[] : undefined;
}

function readQuota(reader: ConfigReader, where: string, value: unknown): TenantQuota | undefined {
    if (value === undefined) {
        return DEFAULT_TENANT_QUOTA;
    }
    if (!isPlainObject(value)) {
        reader.problem("tenants", `${where} must be an object like {cpu: "8", memory: 16Gi, pods: 100, storage: 200Gi}, got ${describe(value)}`);
        return undefined;
    }
    let ok = reader.onlyFields("tenants", where, value, QUOTA_FIELDS);
    const quota = { ...DEFAULT_TENANT_QUOTA, ...value } as Record<string, unknown>;
    const quantity = (field: string, pattern: RegExp, example: string) => {
        const given = quota[field];
        if (typeof given !== "string" || !pattern.test(given) || /^0+(m|Ki|Mi|Gi|Ti)?$/.test(given)) {
            reader.problem("tenants", `${where}.${field} ${describe(given)} is not a positive Kubernetes quantity; quote it as a string like ${example}`);
            ok = false;
        }
    };
    quantity("cpu", CPU, "\"8\" or \"500m\"");
    quantity("memory", BYTES, "\"16Gi\"");
    quantity("storage", BYTES, "\"100Gi\"");
    const pods = quota.pods;
    if (typeof pods !== "number" || !Number.isInteger(pods) || pods < 1 || pods > MAX_TENANT_PODS) {
        reader.problem("tenants", `${where}.pods ${describe(pods)} is out of range; use a whole number from 1 to ${MAX_TENANT_PODS}`);
        ok = false;
    }
    return ok ? (quota as unknown as TenantQuota) : undefined;
}

/**
 * Reports, under `key`, each tenant host that the certificate clients are served does not cover: `covers`
 * says which it does, `certificate` names it and `fix` says what to change.
 */
export function requireCertificateCoversHosts(
    reader: ConfigReader, key: string, tenants: readonly TenantSettings[], covers: (host: string) => boolean, certificate: string, fix: string,
): void {
    tenants.forEach((tenant, index) => {
        for (const host of tenant.hosts.filter((h) => !covers(h))) {
            reader.problem(key, `${certificate} does not cover ${JSON.stringify(host)} (tenants[${index}].hosts); ${fix}`);
        }
    });
}
