/**
 * Settings of the data tier: key rotation generations, the MongoDB replica set, and backups.
 * Each is one structured key (`keystore`, `mongodb`, `backup`) whose fields all have safe defaults.
 */
import { ConfigReader, describe, isPlainObject, SettingDoc } from "../lib/config-reader";
import type { Environment } from "./platform";

/** Which generation of each keystore value is in use; raising one replaces that value on the next `pulumi up`. */
export interface KeystoreGenerations {
    readonly rootKey: number;
    readonly jwtSigningKey: number;
    readonly hashSalt: number;
}

export interface MongoDbSettings {
    /** Replica-set members: 1 in dev only, otherwise 3, 5 or 7. @default 1 (dev), 3 */
    readonly members: number;
    /** Size of each member's volume, a Kubernetes quantity in Gi or Ti. @default "20Gi" (dev), "100Gi" */
    readonly storageSize: string;
}

export const VAULT_LOCK_MODES = ["none", "governance", "compliance"] as const;
export type VaultLockMode = (typeof VAULT_LOCK_MODES)[number];

export interface BackupSettings {
    /** Days a daily recovery point (and a logical backup) is kept. @default 7 (dev), 35 (staging), 90 (prod) */
    readonly retentionDays: number;
    /** AWS Backup schedule, a `cron(...)` expression in UTC. @default cron(0 3 ? * * *) */
    readonly schedule: string;
    /**
     * AWS Backup Vault Lock. `compliance` cannot be removed by anyone once its 3-day grace period has
     * passed; `governance` can be removed by principals allowed to. @default compliance (prod), none
     */
    readonly vaultLock: VaultLockMode;
    /** Region recovery points are copied to, into a vault with its own key there. @default no copy */
    readonly copyRegion?: string;
}

export interface DataSettings {
    readonly keystore: KeystoreGenerations;
    readonly mongodb: MongoDbSettings;
    readonly backup: BackupSettings;
}

export const MAX_GENERATION = 1_000_000;
export const MONGODB_MEMBER_COUNTS = [1, 3, 5, 7] as const;
/** Recovery points are kept at least a week; prod keeps them at least 35 days (a monthly restore test fits). */
export const MIN_BACKUP_RETENTION_DAYS = 7;
export const MIN_PROD_BACKUP_RETENTION_DAYS = 35;
export const MAX_BACKUP_RETENTION_DAYS = 36_500;
export const DEFAULT_BACKUP_SCHEDULE = "cron(0 3 ? * * *)";

const DEFAULT_RETENTION: Readonly<Record<Environment, number>> = { dev: 7, staging: 35, prod: 90 };
const KEYSTORE_FIELDS = ["rootKey", "jwtSigningKey", "hashSalt"] as const;
const MONGODB_FIELDS = ["members", "storageSize"] as const;
const BACKUP_FIELDS = ["retentionDays", "schedule", "vaultLock", "copyRegion"] as const;
const STORAGE_SIZE = /^[1-9]\d*(Gi|Ti)$/;
/** AWS Backup cron: six fields inside cron(...), no newlines. */
const BACKUP_CRON = /^cron\([0-9*?,/LW#A-Z-]+( [0-9*?,/LW#A-Z-]+){5}\)$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export const DATA_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    keystore: {
        summary: "Generation of each keystore value, `{rootKey?, jwtSigningKey?, hashSalt?}` (whole numbers); raise one to rotate that value (see \"Rotating keys\").",
        default: "{rootKey: 1, jwtSigningKey: 1, hashSalt: 1}",
    },
    mongodb: {
        summary: `MongoDB replica set, \`{members?, storageSize?}\`: members one of ${MONGODB_MEMBER_COUNTS.join(", ")} (1 only in dev), storageSize per member in Gi or Ti.`,
        default: "{members: 1 in dev else 3, storageSize: 20Gi in dev else 100Gi}",
    },
    backup: {
        summary: `Backups, \`{retentionDays?, schedule?, vaultLock?, copyRegion?}\`: retention ${MIN_BACKUP_RETENTION_DAYS}+ days (${MIN_PROD_BACKUP_RETENTION_DAYS}+ in prod), an AWS Backup cron() schedule, vault lock ${VAULT_LOCK_MODES.join("/")} (not none in prod), a region to copy recovery points to.`,
        default: "{retentionDays: 7/35/90 by environment, schedule: cron(0 3 ? * * *), vaultLock: compliance in prod else none}",
    },
};

/** Backup fields only AWS Backup reads; on-prem snapshots follow `storage.snapshotSchedule`. */
const AWS_BACKUP_FIELDS = ["schedule", "vaultLock", "copyRegion"] as const;

export function readData(reader: ConfigReader, environment: Environment, region: string | undefined, platform: "aws" | "onprem" = "aws"): Partial<DataSettings> {
    return {
        keystore: readKeystore(reader),
        mongodb: readMongoDb(reader, environment),
        backup: readBackup(reader, environment, region, platform),
    };
}

/** The value of a structured key as an object, or undefined (reported) when it is something else. */
function objectSetting(reader: ConfigReader, key: string, fields: readonly string[], example: string): Record<string, unknown> | undefined {
    const value = reader.structured(key);
    if (value === undefined) {
        return {};
    }
    if (!isPlainObject(value)) {
        reader.problem(key, `expected an object like ${example}, got ${describe(value)}`);
        return undefined;
    }
    return reader.onlyFields(key, key, value, fields) ? value : undefined;
}

function readKeystore(reader: ConfigReader): KeystoreGenerations | undefined {
    const value = objectSetting(reader, "keystore", KEYSTORE_FIELDS, "{jwtSigningKey: 2}");
    if (!value) {
        return undefined;
    }
    let ok = true;
    const generations: Record<string, number> = {};
    for (const field of KEYSTORE_FIELDS) {
        const given = value[field] ?? 1;
        if (typeof given !== "number" || !Number.isInteger(given) || given < 1 || given > MAX_GENERATION) {
            reader.problem("keystore", `keystore.${field} ${describe(given)} is out of range; use a whole number from 1 to ${MAX_GENERATION}`);
            ok = false;
        }
        generations[field] = given as number;
    }
    return ok ? (generations as unknown as KeystoreGenerations) : undefined;
}

function readMongoDb(reader: ConfigReader, environment: Environment): MongoDbSettings | undefined {
    const value = objectSetting(reader, "mongodb", MONGODB_FIELDS, "{members: 3, storageSize: 200Gi}");
    if (!value) {
        return undefined;
    }
    let ok = true;
    const members = value.members ?? (environment === "dev" ? 1 : 3);
    if (!(MONGODB_MEMBER_COUNTS as readonly unknown[]).includes(members)) {
        reader.problem("mongodb", `mongodb.members ${describe(members)} is not allowed; use one of ${MONGODB_MEMBER_COUNTS.join(", ")} (an odd number keeps a voting majority)`);
        ok = false;
    } else if (members === 1 && environment !== "dev") {
        reader.problem("mongodb", `mongodb.members 1 is allowed only in dev; ${environment} needs at least 3 so losing one node loses no data`);
        ok = false;
    }
    const storageSize = value.storageSize ?? (environment === "dev" ? "20Gi" : "100Gi");
    if (typeof storageSize !== "string" || !STORAGE_SIZE.test(storageSize)) {
        reader.problem("mongodb", `mongodb.storageSize ${describe(storageSize)} is not a size like "100Gi" or "2Ti"`);
        ok = false;
    }
    return ok ? { members: members as number, storageSize: storageSize as string } : undefined;
}

function readBackup(reader: ConfigReader, environment: Environment, region: string | undefined, platform: "aws" | "onprem"): BackupSettings | undefined {
    const value = objectSetting(reader, "backup", BACKUP_FIELDS, "{retentionDays: 35, vaultLock: compliance}");
    if (!value) {
        return undefined;
    }
    let ok = true;
    if (platform === "onprem") {
        for (const field of AWS_BACKUP_FIELDS.filter((f) => value[f] !== undefined)) {
            reader.problem("backup", `backup.${field} applies only to platform aws (AWS Backup); on-prem snapshots run on storage.snapshotSchedule and are kept backup.retentionDays`);
            ok = false;
        }
    }
    const minimum = environment === "prod" ? MIN_PROD_BACKUP_RETENTION_DAYS : MIN_BACKUP_RETENTION_DAYS;
    const retentionDays = value.retentionDays ?? DEFAULT_RETENTION[environment];
    if (typeof retentionDays !== "number" || !Number.isInteger(retentionDays) || retentionDays < minimum || retentionDays > MAX_BACKUP_RETENTION_DAYS) {
        reader.problem("backup", `backup.retentionDays ${describe(retentionDays)} is out of range; use a whole number from ${minimum} to ${MAX_BACKUP_RETENTION_DAYS}${environment === "prod" ? " in prod" : ""}`);
        ok = false;
    }
    const schedule = value.schedule ?? DEFAULT_BACKUP_SCHEDULE;
    if (typeof schedule !== "string" || !BACKUP_CRON.test(schedule)) {
        reader.problem("backup", `backup.schedule ${describe(schedule)} is not an AWS Backup cron expression like "cron(0 3 ? * * *)" (six fields, UTC)`);
        ok = false;
    }
    const vaultLock = value.vaultLock ?? (environment === "prod" && platform === "aws" ? "compliance" : "none");
    if (!(VAULT_LOCK_MODES as readonly unknown[]).includes(vaultLock)) {
        reader.problem("backup", `backup.vaultLock ${describe(vaultLock)} is not allowed; use one of ${VAULT_LOCK_MODES.join(", ")}`);
        ok = false;
    } else if (vaultLock === "none" && environment === "prod" && platform === "aws") {
        reader.problem("backup", "backup.vaultLock none is not allowed in prod; use compliance (cannot be removed) or governance");
        ok = false;
    }
    const copyRegion = value.copyRegion;
    if (copyRegion !== undefined && (typeof copyRegion !== "string" || !REGION.test(copyRegion))) {
        reader.problem("backup", `backup.copyRegion ${describe(copyRegion)} is not an AWS region name (e.g. eu-central-1)`);
        ok = false;
    } else if (copyRegion !== undefined && copyRegion === region) {
        reader.problem("backup", `backup.copyRegion ${copyRegion} is the stack's own region; copies protect against a regional loss only in another region`);
        ok = false;
    }
    return ok
        ? { retentionDays: retentionDays as number, schedule: schedule as string, vaultLock: vaultLock as VaultLockMode, ...(copyRegion ? { copyRegion: copyRegion as string } : {}) }
        : undefined;
}
