/**
 * Tenants (Enterprise edition): each becomes a namespace with the full baseline, an RBAC role for the
 * tenant's group and mesh authorization that admits only the ingress gateway and the tenant itself.
 */
import { ConfigReader, describe, isPlainObject } from "../lib/config-reader";
import { isDns1123Label } from "../lib/naming";

/** Tenants become namespaces, roles and mesh policies; past this a single stack is the wrong tool. */
export const MAX_TENANTS = 1000;
/** A tenant's namespace is `tenant-<name>`, which must stay a DNS-1123 label (63 characters). */
export const MAX_TENANT_NAME_LENGTH = 40;

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
}

/**
 * A tenant's quota unless it sets its own. Requests and limits are both capped at `cpu` and `memory`, so the
 * limits decide: a pod of one container with its namespace's default limits (500m, 512Mi) and the mesh
 * sidecar (500m, 512Mi) counts 1 CPU and 1Gi, and eight such pods fit.
 */
export const DEFAULT_TENANT_QUOTA: TenantQuota = { cpu: "8", memory: "16Gi", pods: 50, storage: "50Gi" };
export const MAX_TENANT_PODS = 1000;

export const TENANT_FIELDS = ["name", "group", "readSecrets", "quota"] as const;
const QUOTA_FIELDS = ["cpu", "memory", "pods", "storage"] as const;

export const TENANT_FIELDS_DOC =
    "`{name, group?, readSecrets?, quota?: {cpu, memory, pods, storage}}`; the group defaults to `tenant-<name>-developers`, "
    + `Secrets stay unreadable unless readSecrets is true, the quota defaults to ${DEFAULT_TENANT_QUOTA.cpu} CPU, ${DEFAULT_TENANT_QUOTA.memory}, ${DEFAULT_TENANT_QUOTA.pods} pods and ${DEFAULT_TENANT_QUOTA.storage}`;

/** The default group a tenant's developers are mapped to. */
export function defaultTenantGroup(name: string): string {
    return `tenant-${name}-developers`;
}

const CPU = /^(\d+(\.\d{1,3})?|\d+m)$/;
const BYTES = /^\d+(Ki|Mi|Gi|Ti)$/;

export function readTenants(reader: ConfigReader): TenantSettings[] | undefined {
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
        const tenant = readTenant(reader, `tenants[${index}]`, entry);
        if (tenant) {
            tenants.push(tenant);
        } else {
            ok = false;
        }
    });
    ok = reader.noDuplicates("tenants", tenants.map((t) => t.name), "tenant name") && ok;
    return ok ? tenants : undefined;
}

function readTenant(reader: ConfigReader, where: string, entry: unknown): TenantSettings | undefined {
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
    const quota = readQuota(reader, `${where}.quota`, entry.quota);
    return ok && quota ? { name, group: group as string, readSecrets: readSecrets as boolean, quota } : undefined;
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
