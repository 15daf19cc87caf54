/** Settings of the installation as a whole: environment, account, region, tags, retention, tenants. */
import { ConfigReader, describe, isPlainObject, SettingDoc } from "../lib/config-reader";
import { MAX_TENANTS, readTenants, TENANT_FIELDS_DOC, TenantSettings } from "./tenants";

export { MAX_TENANTS, MAX_TENANT_NAME_LENGTH } from "./tenants";
export type { TenantSettings } from "./tenants";

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
/** FSBP CloudWatch.16 checks log groups are kept at least a year. */
export const MIN_LOG_RETENTION_DAYS = 365;
/** Tag keys the platform sets on every AWS resource; stack tags may not override them. */
export const RESERVED_TAG_KEYS = ["Project", "Environment", "Stack", "ManagedBy"] as const;

export interface PlatformSettings {
    readonly environment: Environment;
    /** `aws:region`, the region of the AWS provider. */
    readonly region: string;
    /** The only AWS account the stack may deploy into (the provider refuses others). @default any account */
    readonly awsAccountId?: string;
    /** Extra tags for every AWS resource. @default {} */
    readonly tags: Readonly<Record<string, string>>;
    /** Retention of every log group the platform creates. @default 365 */
    readonly logRetentionDays: number;
    /** Waiting period before a scheduled KMS key deletion. @default 30 (required in prod) */
    readonly kmsDeletionWindowDays: number;
    readonly tenants: readonly TenantSettings[];
}

export const PLATFORM_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    environment: { summary: "Environment: dev, staging or prod. Prod turns on protections that cannot be weakened.", default: "(required)" },
    awsAccountId: { summary: "12-digit AWS account the stack must deploy into; credentials for any other account are refused.", default: "(any account)" },
    tags: { summary: `Extra tags for every AWS resource (not ${RESERVED_TAG_KEYS.join(", ")}).`, default: "{}" },
    logRetentionDays: { summary: `Retention of every log group, a CloudWatch value of at least ${MIN_LOG_RETENTION_DAYS}.`, default: "365" },
    kmsDeletionWindowDays: { summary: "KMS key deletion window, 7 to 30 days (30 in prod).", default: "30" },
    tenants: { summary: `Tenants, at most ${MAX_TENANTS}, each ${TENANT_FIELDS_DOC}.`, default: "[]" },
};

/** @param domainName the platform's own host when the stack has a valid one: tenants' hosts default below it. */
export function readPlatform(reader: ConfigReader, platform: "aws" | "onprem" = "aws", domainName?: string): Partial<PlatformSettings> & { environment?: Environment } {
    const environment = reader.oneOf("environment", ENVIRONMENTS, undefined);
    const region = platform === "aws" ? readRegion(reader) : undefined;
    const awsAccountId = reader.matching("awsAccountId", /^\d{12}$/, "an AWS account ID; use the 12-digit ID (quote it in YAML to keep leading zeros)");
    const kmsDeletionWindowDays = reader.integerInRange("kmsDeletionWindowDays", 7, 30, 30);
    if (environment === "prod" && kmsDeletionWindowDays !== undefined && kmsDeletionWindowDays !== 30) {
        reader.problem("kmsDeletionWindowDays", `${kmsDeletionWindowDays} is not allowed in prod; prod keys keep the full 30-day window so a mistaken deletion can be cancelled`);
    }
    return {
        environment,
        region,
        ...(awsAccountId ? { awsAccountId } : {}),
        tags: readTags(reader),
        logRetentionDays: readLogRetention(reader),
        kmsDeletionWindowDays,
        tenants: readTenants(reader, domainName),
    };
}

function readRegion(reader: ConfigReader): string | undefined {
    const value = reader.get("aws:region");
    if (value === undefined) {
        reader.problem("aws:region", "missing; set the AWS region to deploy into, e.g. eu-west-1");
        return undefined;
    }
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(value)) {
        reader.problem("aws:region", `${JSON.stringify(value)} is not an AWS region name (e.g. eu-west-1, us-gov-west-1)`);
        return undefined;
    }
    return value;
}

function readLogRetention(reader: ConfigReader): number | undefined {
    const days = reader.integer("logRetentionDays", MIN_LOG_RETENTION_DAYS);
    const allowed = LOG_RETENTION_DAYS.filter((d) => d >= MIN_LOG_RETENTION_DAYS);
    if (days !== undefined && !(allowed as readonly number[]).includes(days)) {
        reader.problem("logRetentionDays", `${days} is not allowed; use a CloudWatch Logs retention of at least ${MIN_LOG_RETENTION_DAYS} days (FSBP CloudWatch.16): ${allowed.join(", ")}`);
        return undefined;
    }
    return days;
}

function readTags(reader: ConfigReader): Record<string, string> | undefined {
    const value = reader.structured("tags");
    if (value === undefined) {
        return {};
    }
    if (!isPlainObject(value)) {
        reader.problem("tags", `expected a map of tag names to strings, got ${describe(value)}`);
        return undefined;
    }
    const tags: Record<string, string> = {};
    let ok = true;
    for (const [key, tagValue] of Object.entries(value)) {
        if ((RESERVED_TAG_KEYS as readonly string[]).includes(key)) {
            reader.problem("tags", `${key} is set by the platform and cannot be overridden`);
            ok = false;
        } else if (key.toLowerCase().startsWith("aws:") || key.length < 1 || key.length > 128) {
            reader.problem("tags", `${JSON.stringify(key)} is not a valid tag key (1 to 128 characters, not starting with aws:)`);
            ok = false;
        } else if (typeof tagValue !== "string" || tagValue.length > 256) {
            reader.problem("tags", `${key} must be a string of at most 256 characters, got ${describe(tagValue)}`);
            ok = false;
        } else {
            tags[key] = tagValue;
        }
    }
    return ok ? tags : undefined;
}
