/**
 * Stack configuration: every `secure-platform:*` setting, its default and its validation.
 *
 * `parseConfig` is pure and does not load the Pulumi SDK, so the offline check validates a stack file
 * with exactly the code `pulumi up` runs, before anything else happens. Every problem is collected and
 * reported at once, each naming the key and what is allowed; nothing is registered until all pass.
 */
import { cidrContains, mustParseCidr, parseCidr, RFC1918_RANGES } from "./lib/cidr";
import { ConfigError } from "./lib/errors";
import { closestMatch, isDns1123Label } from "./lib/naming";
import { DEFAULT_KUBERNETES_VERSION, KubernetesVersion, SUPPORTED_KUBERNETES_VERSIONS } from "./versions";

export const PROJECT = "secure-platform";

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const NAT_GATEWAY_MODES = ["single", "perAz"] as const;
/** `single`: one NAT gateway for the VPC (cheaper, one AZ). `perAz`: one per AZ (no cross-AZ dependency). */
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
/** FSBP CloudWatch.16 checks log groups are kept at least a year. */
export const MIN_LOG_RETENTION_DAYS = 365;

export const VPC_PREFIX_RANGE = { min: 16, max: 22 } as const;
/** Tenants become namespaces, roles and mesh policies; past this a single stack is the wrong tool. */
export const MAX_TENANTS = 1000;
/** A tenant's namespace is `tenant-<name>`, which must stay a DNS-1123 label (63 characters). */
export const MAX_TENANT_NAME_LENGTH = 40;

/** Tag keys the platform sets on every AWS resource; stack tags may not override them. */
export const RESERVED_TAG_KEYS = ["Project", "Environment", "Stack", "ManagedBy"] as const;

export interface TenantConfig {
    /** DNS-1123 label; the tenant's namespace is `tenant-<name>`. */
    readonly name: string;
}

/** The validated stack configuration. Built only by `parseConfig`. */
export interface PlatformConfig {
    readonly project: string;
    readonly stack: string;
    readonly environment: Environment;
    /** `aws:region`, the region of the default AWS provider. */
    readonly region: string;
    /** Availability zones, in the order the subnets are laid out. @default the first 2 (dev) or 3 AZs of the region */
    readonly availabilityZones: readonly string[];
    /** @default "10.0.0.0/16" */
    readonly vpcCidr: string;
    /** @default "single" in dev, "perAz" elsewhere (required in prod) */
    readonly natGateways: NatGatewayMode;
    /** @default versions.DEFAULT_KUBERNETES_VERSION */
    readonly kubernetesVersion: KubernetesVersion;
    /** CIDRs allowed to reach a public Kubernetes API endpoint; empty means the endpoint is private only. @default [] */
    readonly publicAccessCidrs: readonly string[];
    readonly tenants: readonly TenantConfig[];
    /** Retention of every log group the platform creates. @default 365 */
    readonly logRetentionDays: number;
    /** Waiting period before a scheduled KMS key deletion. @default 30 (required in prod) */
    readonly kmsDeletionWindowDays: number;
    /** Extra tags for every AWS resource. @default {} */
    readonly tags: Readonly<Record<string, string>>;
    /** The only AWS account the stack may deploy into (the provider refuses others). @default any account */
    readonly awsAccountId?: string;
}

/** Documentation of every `secure-platform:` setting; also the list of known keys. */
export const SETTINGS: Readonly<Record<string, { readonly summary: string; readonly default: string }>> = {
    environment: { summary: "Environment: dev, staging or prod. Prod turns on protections that cannot be weakened.", default: "(required)" },
    vpcCidr: { summary: `VPC IPv4 range inside RFC 1918, /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}.`, default: "10.0.0.0/16" },
    availabilityZones: { summary: "AZs to spread subnets over (2 or 3 in dev, 3 in staging and prod). Append only: reordering moves subnets.", default: "first 2 (dev) or 3 AZs of aws:region" },
    natGateways: { summary: "single or perAz NAT gateways in the DMZ tier.", default: "single (dev), perAz (staging, prod)" },
    kubernetesVersion: { summary: `EKS Kubernetes version: ${Object.keys(SUPPORTED_KUBERNETES_VERSIONS).join(", ")}.`, default: DEFAULT_KUBERNETES_VERSION },
    publicAccessCidrs: { summary: "CIDRs allowed to reach a public EKS API endpoint; empty keeps it private. Never 0.0.0.0/0, never in prod.", default: "[]" },
    tenants: { summary: `Tenants, each {name}; at most ${MAX_TENANTS}.`, default: "[]" },
    logRetentionDays: { summary: `Retention of every log group, a CloudWatch value of at least ${MIN_LOG_RETENTION_DAYS}.`, default: "365" },
    kmsDeletionWindowDays: { summary: "KMS key deletion window, 7 to 30 days (30 in prod).", default: "30" },
    awsAccountId: { summary: "12-digit AWS account the stack must deploy into; credentials for any other account are refused.", default: "(any account)" },
    tags: { summary: `Extra tags for every AWS resource (not ${RESERVED_TAG_KEYS.join(", ")}).`, default: "{}" },
};

export interface ParseOptions {
    readonly stack: string;
    readonly project?: string;
}

/**
 * Turns raw stack configuration (fully qualified keys, values as the Pulumi CLI passes them: strings,
 * with lists and objects JSON-encoded) into a validated `PlatformConfig`, or throws a `ConfigError`
 * listing every problem.
 */
export function parseConfig(raw: Readonly<Record<string, string>>, options: ParseOptions): PlatformConfig {
    const project = options.project ?? PROJECT;
    const reader = new Reader(raw, project);

    reader.rejectUnknownKeys();
    const environment = reader.oneOf("environment", ENVIRONMENTS, undefined);
    const region = reader.region();
    const env: Environment = environment ?? "dev";
    const isProd = environment === "prod";

    const availabilityZones = reader.availabilityZones(region, env);
    const vpcCidr = reader.vpcCidr();
    const natGateways = reader.oneOf("natGateways", NAT_GATEWAY_MODES, env === "dev" ? "single" : "perAz");
    if (isProd && natGateways === "single") {
        reader.problem("natGateways", `"single" is not allowed in prod; use perAz so one AZ outage cannot cut egress for the others`);
    }
    const kubernetesVersion = reader.kubernetesVersion();
    const publicAccessCidrs = reader.publicAccessCidrs(isProd);
    const tenants = reader.tenants();
    const logRetentionDays = reader.logRetentionDays();
    const kmsDeletionWindowDays = reader.integerInRange("kmsDeletionWindowDays", 7, 30, 30);
    if (isProd && kmsDeletionWindowDays !== undefined && kmsDeletionWindowDays !== 30) {
        reader.problem("kmsDeletionWindowDays", `${kmsDeletionWindowDays} is not allowed in prod; prod keys keep the full 30-day window so a mistaken deletion can be cancelled`);
    }
    const tags = reader.tags();
    const awsAccountId = reader.accountId();

    reader.throwIfProblems();
    return {
        project,
        stack: options.stack,
        environment: environment!,
        region: region!,
        availabilityZones: availabilityZones!,
        vpcCidr: vpcCidr!,
        natGateways: natGateways!,
        kubernetesVersion: kubernetesVersion!,
        publicAccessCidrs: publicAccessCidrs!,
        tenants: tenants!,
        logRetentionDays: logRetentionDays!,
        kmsDeletionWindowDays: kmsDeletionWindowDays!,
        tags: tags!,
        ...(awsAccountId ? { awsAccountId } : {}),
    };
}

/** Reads and validates one setting at a time, collecting problems instead of stopping at the first. */
class Reader {
    private readonly problems: string[] = [];

    constructor(private readonly raw: Readonly<Record<string, string>>, private readonly project: string) {}

    private fullKey(key: string): string {
        return key.includes(":") ? key : `${this.project}:${key}`;
    }

    private get(key: string): string | undefined {
        return this.raw[this.fullKey(key)];
    }

    problem(key: string, message: string): void {
        this.problems.push(`${this.fullKey(key)}: ${message}`);
    }

    throwIfProblems(): void {
        if (this.problems.length > 0) {
            throw new ConfigError(this.problems);
        }
    }

    rejectUnknownKeys(): void {
        const prefix = `${this.project}:`;
        const known = Object.keys(SETTINGS);
        for (const fullKey of Object.keys(this.raw).sort()) {
            if (!fullKey.startsWith(prefix)) {
                continue;
            }
            const key = fullKey.slice(prefix.length);
            if (!(key in SETTINGS)) {
                const suggestion = closestMatch(key, known);
                const hint = suggestion ? `did you mean ${prefix}${suggestion}? ` : "";
                this.problems.push(`${fullKey}: unknown setting; ${hint}known settings: ${known.join(", ")}`);
            }
        }
    }

    /** Parses a JSON-encoded structured value; plain strings stay strings. */
    private structured(key: string): unknown {
        const text = this.get(key);
        if (text === undefined) {
            return undefined;
        }
        try {
            return JSON.parse(text);
        } catch {
            return text;
        }
    }

    oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T | undefined): T | undefined {
        const value = this.get(key);
        if (value === undefined) {
            if (fallback === undefined) {
                this.problem(key, `missing; set it to one of ${allowed.join(", ")}`);
            }
            return fallback;
        }
        if (!(allowed as readonly string[]).includes(value)) {
            this.problem(key, `${JSON.stringify(value)} is not allowed; use one of ${allowed.join(", ")}`);
            return undefined;
        }
        return value as T;
    }

    region(): string | undefined {
        const value = this.raw["aws:region"];
        if (value === undefined) {
            this.problems.push("aws:region: missing; set the AWS region to deploy into, e.g. eu-west-1");
            return undefined;
        }
        if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(value)) {
            this.problems.push(`aws:region: ${JSON.stringify(value)} is not an AWS region name (e.g. eu-west-1, us-gov-west-1)`);
            return undefined;
        }
        return value;
    }

    availabilityZones(region: string | undefined, env: Environment): string[] | undefined {
        const allowedCounts = env === "dev" ? [2, 3] : [3];
        const value = this.structured("availabilityZones");
        if (value === undefined) {
            return region ? ["a", "b", "c"].slice(0, allowedCounts[0]).map((letter) => `${region}${letter}`) : undefined;
        }
        const zones = this.stringList("availabilityZones", value);
        if (!zones) {
            return undefined;
        }
        let ok = true;
        if (!allowedCounts.includes(zones.length)) {
            this.problem("availabilityZones", `${zones.length} zones given; ${env} needs ${allowedCounts.join(" or ")}`);
            ok = false;
        }
        for (const zone of zones) {
            if (region && !new RegExp(`^${region}[a-z]$`).test(zone)) {
                this.problem("availabilityZones", `${JSON.stringify(zone)} is not an availability zone of ${region} (e.g. ${region}a)`);
                ok = false;
            }
        }
        ok = this.noDuplicates("availabilityZones", zones) && ok;
        return ok ? zones : undefined;
    }

    vpcCidr(): string | undefined {
        const value = this.get("vpcCidr") ?? "10.0.0.0/16";
        const parsed = parseCidr(value);
        const allowed = `an RFC 1918 range (${RFC1918_RANGES.join(", ")}) with a prefix from /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}`;
        if (!parsed.ok) {
            this.problem("vpcCidr", `${parsed.reason}; use ${allowed}`);
            return undefined;
        }
        const { prefix } = parsed.cidr;
        if (prefix < VPC_PREFIX_RANGE.min || prefix > VPC_PREFIX_RANGE.max) {
            this.problem("vpcCidr", `/${prefix} is ${prefix < VPC_PREFIX_RANGE.min ? "larger than AWS allows" : "too small for three tiers of subnets"}; use ${allowed}`);
            return undefined;
        }
        if (!RFC1918_RANGES.some((range) => cidrContains(mustParseCidr(range), parsed.cidr))) {
            this.problem("vpcCidr", `${value} is not private address space; use ${allowed}`);
            return undefined;
        }
        return value;
    }

    kubernetesVersion(): KubernetesVersion | undefined {
        const value = this.get("kubernetesVersion") ?? DEFAULT_KUBERNETES_VERSION;
        const supported = Object.keys(SUPPORTED_KUBERNETES_VERSIONS);
        if (!supported.includes(value)) {
            const yamlHint = /^1\.\d$/.test(value) ? ` (YAML read 1.${value.slice(2)}0 as a number; quote it)` : "";
            this.problem("kubernetesVersion", `${JSON.stringify(value)} is not supported${yamlHint}; use one of ${supported.join(", ")}`);
            return undefined;
        }
        return value as KubernetesVersion;
    }

    publicAccessCidrs(isProd: boolean): string[] | undefined {
        const value = this.structured("publicAccessCidrs");
        if (value === undefined) {
            return [];
        }
        const cidrs = this.stringList("publicAccessCidrs", value);
        if (!cidrs) {
            return undefined;
        }
        let ok = true;
        if (isProd && cidrs.length > 0) {
            this.problem("publicAccessCidrs", "prod keeps the Kubernetes API endpoint private (FSBP EKS.1); remove the list and reach the API from inside the VPC");
            ok = false;
        }
        for (const text of cidrs) {
            const parsed = parseCidr(text);
            if (!parsed.ok) {
                this.problem("publicAccessCidrs", `${parsed.reason}; list the public CIDRs of your office or VPN egress`);
                ok = false;
            } else if (parsed.cidr.prefix === 0) {
                this.problem("publicAccessCidrs", `${text} would open the Kubernetes API to the whole internet; list the public CIDRs of your office or VPN egress, or leave the list empty for a private endpoint`);
                ok = false;
            } else if (parsed.cidr.prefix < 8) {
                this.problem("publicAccessCidrs", `${text} is broader than /8; list the public CIDRs of your office or VPN egress`);
                ok = false;
            }
        }
        ok = this.noDuplicates("publicAccessCidrs", cidrs) && ok;
        return ok ? cidrs : undefined;
    }

    tenants(): TenantConfig[] | undefined {
        const value = this.structured("tenants");
        if (value === undefined) {
            return [];
        }
        if (!Array.isArray(value)) {
            this.problem("tenants", `expected a list of tenants like [{name: acme}], got ${describe(value)}`);
            return undefined;
        }
        if (value.length > MAX_TENANTS) {
            this.problem("tenants", `${value.length} tenants given; at most ${MAX_TENANTS} fit one stack, split them across stacks`);
            return undefined;
        }
        const allowedFields = ["name"];
        const tenants: TenantConfig[] = [];
        let ok = true;
        value.forEach((entry: unknown, index: number) => {
            const where = `tenants[${index}]`;
            if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
                this.problem("tenants", `${where} must be an object like {name: acme}, got ${describe(entry)}`);
                ok = false;
                return;
            }
            for (const field of Object.keys(entry)) {
                if (!allowedFields.includes(field)) {
                    this.problem("tenants", `${where}.${field} is not a tenant field; allowed: ${allowedFields.join(", ")}`);
                    ok = false;
                }
            }
            const name = (entry as Record<string, unknown>).name;
            if (typeof name !== "string") {
                this.problem("tenants", `${where}.name is required and must be a string`);
                ok = false;
            } else if (!isDns1123Label(name) || name.length > MAX_TENANT_NAME_LENGTH) {
                this.problem("tenants", `${where}.name ${JSON.stringify(name)} must be a DNS-1123 label of at most ${MAX_TENANT_NAME_LENGTH} characters (lower-case letters, digits and '-', starting with a letter and ending with a letter or digit)`);
                ok = false;
            } else {
                tenants.push({ name });
            }
        });
        ok = this.noDuplicates("tenants", tenants.map((t) => t.name), "tenant name") && ok;
        return ok ? tenants : undefined;
    }

    logRetentionDays(): number | undefined {
        const days = this.integer("logRetentionDays", 365);
        if (days === undefined) {
            return undefined;
        }
        const allowed = LOG_RETENTION_DAYS.filter((d) => d >= MIN_LOG_RETENTION_DAYS);
        if (!(allowed as readonly number[]).includes(days)) {
            this.problem("logRetentionDays", `${days} is not allowed; use a CloudWatch Logs retention of at least ${MIN_LOG_RETENTION_DAYS} days (FSBP CloudWatch.16): ${allowed.join(", ")}`);
            return undefined;
        }
        return days;
    }

    accountId(): string | undefined {
        const value = this.get("awsAccountId");
        if (value !== undefined && !/^\d{12}$/.test(value)) {
            this.problem("awsAccountId", `${JSON.stringify(value)} is not an AWS account ID; use the 12-digit ID (quote it in YAML to keep leading zeros)`);
            return undefined;
        }
        return value;
    }

    integerInRange(key: string, min: number, max: number, fallback: number): number | undefined {
        const value = this.integer(key, fallback);
        if (value !== undefined && (value < min || value > max)) {
            this.problem(key, `${value} is out of range; use a whole number from ${min} to ${max}`);
            return undefined;
        }
        return value;
    }

    tags(): Record<string, string> | undefined {
        const value = this.structured("tags");
        if (value === undefined) {
            return {};
        }
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
            this.problem("tags", `expected a map of tag names to strings, got ${describe(value)}`);
            return undefined;
        }
        const tags: Record<string, string> = {};
        let ok = true;
        for (const [key, tagValue] of Object.entries(value)) {
            if ((RESERVED_TAG_KEYS as readonly string[]).includes(key)) {
                this.problem("tags", `${key} is set by the platform and cannot be overridden`);
                ok = false;
            } else if (key.toLowerCase().startsWith("aws:") || key.length < 1 || key.length > 128) {
                this.problem("tags", `${JSON.stringify(key)} is not a valid tag key (1 to 128 characters, not starting with aws:)`);
                ok = false;
            } else if (typeof tagValue !== "string" || tagValue.length > 256) {
                this.problem("tags", `${key} must be a string of at most 256 characters, got ${describe(tagValue)}`);
                ok = false;
            } else {
                tags[key] = tagValue;
            }
        }
        return ok ? tags : undefined;
    }

    private integer(key: string, fallback: number): number | undefined {
        const text = this.get(key);
        if (text === undefined) {
            return fallback;
        }
        if (!/^-?\d+$/.test(text)) {
            this.problem(key, `${JSON.stringify(text)} is not a whole number`);
            return undefined;
        }
        return Number(text);
    }

    private stringList(key: string, value: unknown): string[] | undefined {
        if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
            this.problem(key, `expected a list of strings, got ${describe(value)}`);
            return undefined;
        }
        return value as string[];
    }

    private noDuplicates(key: string, values: readonly string[], noun = "entry"): boolean {
        const seen = new Set<string>();
        const duplicates = new Set<string>();
        for (const value of values) {
            (seen.has(value) ? duplicates : seen).add(value);
        }
        for (const duplicate of duplicates) {
            this.problem(key, `duplicate ${noun} ${JSON.stringify(duplicate)}; each must appear once`);
        }
        return duplicates.size === 0;
    }
}

function describe(value: unknown): string {
    const text = JSON.stringify(value);
    const shown = text === undefined ? String(value) : text;
    return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}
