/** Settings of the EKS cluster: version, API endpoint access, who may administer it, node groups. */
import { parseCidr } from "../lib/cidr";
import { ConfigReader, describe, isPlainObject, SettingDoc } from "../lib/config-reader";
import { isDns1123Label } from "../lib/naming";
import { DEFAULT_KUBERNETES_VERSION, KubernetesVersion, SUPPORTED_KUBERNETES_VERSIONS } from "../versions";
import { privateCidrProblem } from "./network";
import type { Environment } from "./platform";

/**
 * EKS access policies an access entry may be given. `cluster-admin` is cluster-wide; the others may be
 * limited to namespaces.
 */
export const ACCESS_LEVELS = ["cluster-admin", "admin", "edit", "view"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export interface AccessEntrySettings {
    /** IAM role (or user) ARN in the stack's partition. */
    readonly principalArn: string;
    /** The EKS access policy; may be omitted when `groups` gives the principal RBAC groups instead. */
    readonly access?: AccessLevel;
    /** Namespaces the access is limited to; absent means the whole cluster. */
    readonly namespaces?: readonly string[];
    /** Kubernetes groups the principal is mapped to (e.g. a tenant's group, bound by the tenant's Role). */
    readonly groups?: readonly string[];
}

export const NODE_GROUPS = ["app", "data"] as const;
/** `app`: workloads and the ingress gateway, in the app tier. `data`: MongoDB only (tainted), in the data tier. */
export type NodeGroupName = (typeof NODE_GROUPS)[number];

export interface NodeGroupSettings {
    readonly instanceTypes: readonly string[];
    readonly minSize: number;
    readonly maxSize: number;
    readonly desiredSize: number;
    /** Size of each node's encrypted data volume. */
    readonly diskSizeGiB: number;
}

export interface ClusterSettings {
    /** @default versions.DEFAULT_KUBERNETES_VERSION */
    readonly kubernetesVersion: KubernetesVersion;
    /** CIDRs allowed to reach a public Kubernetes API endpoint; empty means the endpoint is private only. @default [] */
    readonly publicAccessCidrs: readonly string[];
    /** Private CIDRs (VPN, CI runners, the VPC) allowed to reach the private endpoint on 443. @default [vpcCidr] */
    readonly privateAccessCidrs: readonly string[];
    /** Who may use the cluster: EKS access entries with an access policy. At least one cluster-admin. */
    readonly accessEntries: readonly AccessEntrySettings[];
    readonly nodeGroups: Readonly<Record<NodeGroupName, NodeGroupSettings>>;
}

export const CLUSTER_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    kubernetesVersion: { summary: `EKS Kubernetes version: ${Object.keys(SUPPORTED_KUBERNETES_VERSIONS).join(", ")}.`, default: DEFAULT_KUBERNETES_VERSION },
    publicAccessCidrs: { summary: "CIDRs allowed to reach a public EKS API endpoint; empty keeps it private. Never 0.0.0.0/0, never in prod.", default: "[]" },
    privateAccessCidrs: { summary: "Private CIDRs allowed to reach the private API endpoint on 443 (VPN, CI runners).", default: "[vpcCidr]" },
    accessEntries: { summary: "EKS access entries: [{principalArn, access?: cluster-admin|admin|edit|view, namespaces?, groups?}]; at least one cluster-admin.", default: "(required)" },
    nodeGroups: { summary: "Sizes of the app and data node groups: {app|data: {instanceTypes, minSize, maxSize, desiredSize, diskSizeGiB}}.", default: "by environment (see stacks/README.md)" },
};

/** Node group sizes per environment; a stack overrides any field. The data group holds a MongoDB replica set. */
export const DEFAULT_NODE_GROUPS: Readonly<Record<Environment, Readonly<Record<NodeGroupName, NodeGroupSettings>>>> = {
    dev: {
        app: { instanceTypes: ["m7i.large"], minSize: 2, maxSize: 4, desiredSize: 2, diskSizeGiB: 50 },
        data: { instanceTypes: ["r7i.large"], minSize: 1, maxSize: 3, desiredSize: 1, diskSizeGiB: 50 },
    },
    staging: {
        app: { instanceTypes: ["m7i.large"], minSize: 3, maxSize: 6, desiredSize: 3, diskSizeGiB: 50 },
        data: { instanceTypes: ["r7i.large"], minSize: 3, maxSize: 3, desiredSize: 3, diskSizeGiB: 50 },
    },
    prod: {
        app: { instanceTypes: ["m7i.xlarge"], minSize: 3, maxSize: 12, desiredSize: 3, diskSizeGiB: 100 },
        data: { instanceTypes: ["r7i.xlarge"], minSize: 3, maxSize: 3, desiredSize: 3, diskSizeGiB: 100 },
    },
};

/**
 * Each range outside the VPC takes a rule in each direction of the app tier's network ACL, which AWS
 * limits to 20 rules per direction (network-plan.ts MAX_ACL_RULES_PER_DIRECTION); three zones leave room for 8.
 */
export const MAX_PRIVATE_ACCESS_CIDRS = 8;

const PRINCIPAL_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;

export function readCluster(reader: ConfigReader, environment: Environment, vpcCidr: string | undefined): Partial<ClusterSettings> {
    return {
        kubernetesVersion: readVersion(reader),
        publicAccessCidrs: readPublicAccess(reader, environment === "prod"),
        privateAccessCidrs: readPrivateAccess(reader, vpcCidr),
        accessEntries: readAccessEntries(reader),
        nodeGroups: readNodeGroups(reader, environment),
    };
}

function readVersion(reader: ConfigReader): KubernetesVersion | undefined {
    const value = reader.get("kubernetesVersion") ?? DEFAULT_KUBERNETES_VERSION;
    const supported = Object.keys(SUPPORTED_KUBERNETES_VERSIONS);
    if (!supported.includes(value)) {
        const yamlHint = /^1\.\d$/.test(value) ? ` (YAML read 1.${value.slice(2)}0 as a number; quote it)` : "";
        reader.problem("kubernetesVersion", `${JSON.stringify(value)} is not supported${yamlHint}; use one of ${supported.join(", ")}`);
        return undefined;
    }
    return value as KubernetesVersion;
}

function readPublicAccess(reader: ConfigReader, isProd: boolean): string[] | undefined {
    const value = reader.structured("publicAccessCidrs");
    if (value === undefined) {
        return [];
    }
    const cidrs = reader.stringList("publicAccessCidrs", value);
    if (!cidrs) {
        return undefined;
    }
    let ok = true;
    if (isProd && cidrs.length > 0) {
        reader.problem("publicAccessCidrs", "prod keeps the Kubernetes API endpoint private (FSBP EKS.1); remove the list and reach the API from inside the VPC");
        ok = false;
    }
    for (const text of cidrs) {
        const parsed = parseCidr(text);
        if (!parsed.ok) {
            reader.problem("publicAccessCidrs", `${parsed.reason}; list the public CIDRs of your office or VPN egress`);
            ok = false;
        } else if (parsed.cidr.prefix === 0) {
            reader.problem("publicAccessCidrs", `${text} would open the Kubernetes API to the whole internet; list the public CIDRs of your office or VPN egress, or leave the list empty for a private endpoint`);
            ok = false;
        } else if (parsed.cidr.prefix < 8) {
            reader.problem("publicAccessCidrs", `${text} is broader than /8; list the public CIDRs of your office or VPN egress`);
            ok = false;
        }
    }
    ok = reader.noDuplicates("publicAccessCidrs", cidrs) && ok;
    return ok ? cidrs : undefined;
}

function readPrivateAccess(reader: ConfigReader, vpcCidr: string | undefined): string[] | undefined {
    const value = reader.structured("privateAccessCidrs");
    if (value === undefined) {
        return vpcCidr ? [vpcCidr] : undefined;
    }
    const cidrs = reader.stringList("privateAccessCidrs", value);
    if (!cidrs) {
        return undefined;
    }
    let ok = cidrs.length > 0;
    if (!ok) {
        reader.problem("privateAccessCidrs", "empty; list at least the range the platform is deployed from (the VPC by default)");
    }
    if (cidrs.length > MAX_PRIVATE_ACCESS_CIDRS) {
        reader.problem("privateAccessCidrs", `${cidrs.length} ranges given; at most ${MAX_PRIVATE_ACCESS_CIDRS} fit the app tier's network ACL (AWS allows 20 rules per direction); summarise them into wider private ranges`);
        ok = false;
    }
    for (const text of cidrs) {
        const problem = privateCidrProblem(text);
        if (problem) {
            reader.problem("privateAccessCidrs", `${problem}; the private endpoint takes RFC 1918 ranges (public ranges belong in publicAccessCidrs)`);
            ok = false;
        }
    }
    return reader.noDuplicates("privateAccessCidrs", cidrs) && ok ? cidrs : undefined;
}

function readAccessEntries(reader: ConfigReader): AccessEntrySettings[] | undefined {
    const value = reader.structured("accessEntries");
    const example = "[{principalArn: arn:aws:iam::111122223333:role/platform-admin, access: cluster-admin}]";
    if (value === undefined) {
        reader.problem("accessEntries", `missing; name at least the role that runs pulumi up as cluster-admin, e.g. ${example}`);
        return undefined;
    }
    if (!Array.isArray(value)) {
        reader.problem("accessEntries", `expected a list like ${example}, got ${describe(value)}`);
        return undefined;
    }
    const entries: AccessEntrySettings[] = [];
    let ok = true;
    value.forEach((entry: unknown, index: number) => {
        const where = `accessEntries[${index}]`;
        if (!isPlainObject(entry)) {
            reader.problem("accessEntries", `${where} must be an object like {principalArn, access}, got ${describe(entry)}`);
            ok = false;
            return;
        }
        let valid = reader.onlyFields("accessEntries", where, entry, ["principalArn", "access", "namespaces", "groups"]);
        const { principalArn, access, namespaces, groups } = entry;
        if (typeof principalArn !== "string" || !PRINCIPAL_ARN.test(principalArn)) {
            reader.problem("accessEntries", `${where}.principalArn ${describe(principalArn)} must be an IAM role or user ARN (arn:aws:iam::<account>:role/<name>); account roots are not allowed`);
            valid = false;
        }
        if (groups !== undefined && (!Array.isArray(groups) || groups.length === 0
            || !groups.every((g) => typeof g === "string" && g.length > 0 && g.length <= 255 && !g.startsWith("system:")))) {
            reader.problem("accessEntries", `${where}.groups must be a non-empty list of Kubernetes group names that do not start with system:, got ${describe(groups)}`);
            valid = false;
        }
        if (access === undefined && groups === undefined) {
            reader.problem("accessEntries", `${where} needs access (one of ${ACCESS_LEVELS.join(", ")}) or groups (Kubernetes groups bound by RBAC, e.g. a tenant's group)`);
            valid = false;
        } else if (access !== undefined && (typeof access !== "string" || !(ACCESS_LEVELS as readonly string[]).includes(access))) {
            reader.problem("accessEntries", `${where}.access ${describe(access)} is not allowed; use one of ${ACCESS_LEVELS.join(", ")}`);
            valid = false;
        }
        if (namespaces !== undefined) {
            if (access === undefined) {
                reader.problem("accessEntries", `${where}.namespaces limits an access policy; set access, or let the groups' RBAC bindings decide the namespaces`);
                valid = false;
            } else if (access === "cluster-admin") {
                reader.problem("accessEntries", `${where}.namespaces cannot limit cluster-admin, which is cluster-wide; use admin for namespace administrators`);
                valid = false;
            } else if (!Array.isArray(namespaces) || namespaces.length === 0 || !namespaces.every((n) => typeof n === "string" && isDns1123Label(n))) {
                reader.problem("accessEntries", `${where}.namespaces must be a non-empty list of namespace names, got ${describe(namespaces)}`);
                valid = false;
            }
        }
        if (valid) {
            entries.push({
                principalArn: principalArn as string,
                ...(access !== undefined ? { access: access as AccessLevel } : {}),
                ...(namespaces ? { namespaces: namespaces as string[] } : {}),
                ...(groups ? { groups: groups as string[] } : {}),
            });
        }
        ok = valid && ok;
    });
    ok = reader.noDuplicates("accessEntries", entries.map((e) => e.principalArn), "principal") && ok;
    if (ok && !entries.some((e) => e.access === "cluster-admin")) {
        reader.problem("accessEntries", "no entry has cluster-admin; the role that runs pulumi up needs it to manage the platform's workloads");
        ok = false;
    }
    return ok ? entries : undefined;
}

function readNodeGroups(reader: ConfigReader, environment: Environment): Record<NodeGroupName, NodeGroupSettings> | undefined {
    const defaults = DEFAULT_NODE_GROUPS[environment];
    const value = reader.structured("nodeGroups");
    if (value === undefined) {
        return { ...defaults };
    }
    if (!isPlainObject(value)) {
        reader.problem("nodeGroups", `expected {app: {...}, data: {...}}, got ${describe(value)}`);
        return undefined;
    }
    let ok = reader.onlyFields("nodeGroups", "nodeGroups", value, NODE_GROUPS);
    const groups = {} as Record<NodeGroupName, NodeGroupSettings>;
    for (const name of NODE_GROUPS) {
        const given = value[name] ?? {};
        if (!isPlainObject(given)) {
            reader.problem("nodeGroups", `${name} must be an object, got ${describe(given)}`);
            ok = false;
            continue;
        }
        ok = reader.onlyFields("nodeGroups", name, given, Object.keys(defaults[name])) && ok;
        const group = { ...defaults[name], ...given } as NodeGroupSettings;
        const problems = nodeGroupProblems(group, name, environment);
        problems.forEach((p) => reader.problem("nodeGroups", `${name}.${p}`));
        ok = problems.length === 0 && ok;
        groups[name] = group;
    }
    return ok ? groups : undefined;
}

/** What is wrong with one node group's sizing, each message starting with the field. */
export function nodeGroupProblems(group: NodeGroupSettings, name: NodeGroupName, environment: Environment): string[] {
    const problems: string[] = [];
    const { instanceTypes, minSize, maxSize, desiredSize, diskSizeGiB } = group;
    if (!Array.isArray(instanceTypes) || instanceTypes.length < 1 || instanceTypes.length > 5 || !instanceTypes.every((t) => typeof t === "string" && INSTANCE_TYPE.test(t))) {
        problems.push(`instanceTypes must list 1 to 5 EC2 instance types like m7i.large, got ${describe(instanceTypes)}`);
    }
    for (const [field, size] of Object.entries({ minSize, maxSize, desiredSize })) {
        if (!Number.isInteger(size) || size < 0 || size > 100) {
            problems.push(`${field} must be a whole number from 0 to 100, got ${describe(size)}`);
        }
    }
    if (problems.length === 0 && !(minSize <= desiredSize && desiredSize <= maxSize && maxSize >= 1)) {
        problems.push(`sizes must satisfy minSize <= desiredSize <= maxSize and maxSize >= 1, got ${minSize} <= ${desiredSize} <= ${maxSize}`);
    }
    if (!Number.isInteger(diskSizeGiB) || diskSizeGiB < 20 || diskSizeGiB > 16384) {
        problems.push(`diskSizeGiB must be a whole number from 20 to 16384, got ${describe(diskSizeGiB)}`);
    }
    if (name === "data" && environment !== "dev" && Number.isInteger(minSize) && minSize < 3) {
        problems.push(`minSize ${minSize} is too small in ${environment}: the MongoDB replica set needs 3 data nodes`);
    }
    return problems;
}
