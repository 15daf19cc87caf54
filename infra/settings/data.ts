/**
 * Settings of the data tier: key rotation generations, the MongoDB replica set, and backups.
 * Each is one structured key (`keystore`, `mongodb`, `backup`) whose fields all have safe defaults; on-prem,
 * `backup.store` names the S3-compatible store logical backups leave the cluster for, and the secret
 * `backupStoreCredentials` holds its access key.
 */
import * as crypto from "node:crypto";
import { ConfigReader, describe, isOfflinePlaceholder, isPlainObject, SettingDoc } from "../lib/config-reader";
import type { RestoreRequest } from "../k8s/mongodb/restore";
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
    /** On-prem: the S3-compatible store logical backups (and PITR oplog slices) are written to. @default none */
    readonly store?: BackupStoreSettings;
}

/** The access key the backup agents and the operator sign requests to the store with. */
export interface BackupStoreAccessKey {
    readonly accessKeyId: string;
    /** A secret. */
    readonly secretAccessKey: string;
}

/** An S3-compatible object store outside the cluster (MinIO, Ceph RGW, a storage appliance). */
export interface BackupStoreSettings {
    /** `https://host[:port]`: HTTPS only, a DNS name (the mesh registers it by name). */
    readonly endpoint: string;
    readonly host: string;
    /** @default 443 */
    readonly port: number;
    readonly bucket: string;
    /** The region the store signs requests for. @default none (the client's: us-east-1) */
    readonly region?: string;
    /** Folder in the bucket. @default "mongodb" */
    readonly prefix: string;
    /** PEM of the CA (or CAs) that issued the store's certificate: the only ones the backup agents trust. */
    readonly caCertificatePem: string;
    /** How the store encrypts objects at rest (bucket default encryption), for reviewers and the threat model. */
    readonly encryption: string;
    /**
     * Where the access key comes from: `backupStoreCredentials` (a Pulumi secret, made into a Secret), or an
     * existing Secret of the data namespace with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
     */
    readonly credentials: { readonly accessKey: BackupStoreAccessKey } | { readonly existingSecret: string };
}

export interface DataSettings {
    readonly keystore: KeystoreGenerations;
    readonly mongodb: MongoDbSettings;
    readonly backup: BackupSettings;
    /** A restore of MongoDB from a logical backup (and PITR) the next `pulumi up` starts. @default none */
    readonly restore?: RestoreRequest;
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
const BACKUP_FIELDS = ["retentionDays", "schedule", "vaultLock", "copyRegion", "store"] as const;
const STORE_FIELDS = ["endpoint", "bucket", "region", "prefix", "caCertificate", "encryption", "credentialsSecret"] as const;
const ACCESS_KEY_FIELDS = ["accessKeyId", "secretAccessKey"] as const;
const RESTORE_FIELDS = ["backupName", "pointInTime"] as const;
/** The restore CRD's own rule for `pitr.date` (operator v1.22.0 deploy/crd.yaml, x-kubernetes-validations). */
const PITR_DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/;
export const DEFAULT_BACKUP_STORE_PREFIX = "mongodb";
/** `https://` and a lower-case DNS name (not an address: the mesh resolves it by name) with an optional port, nothing after it. */
const STORE_ENDPOINT = /^https:\/\/(?<host>(?=[^:/]{1,253}(:|\/?$))[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\.[a-z]([-a-z0-9]*[a-z0-9])?)(:(?<port>\d{1,5}))?\/?$/;
/** S3 bucket names (AWS "Bucket naming rules"; MinIO and Ceph RGW follow them). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** Object-key characters S3 calls safe, in folders without empty segments, no leading or trailing slash. */
const PREFIX = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/;
/** A region name as S3-compatible stores take it (us-east-1, eu-west-1, default, dc1). */
const STORE_REGION = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** A Kubernetes object name (DNS-1123 subdomain). */
const SECRET_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
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
        summary: `Backups, \`{retentionDays?, schedule?, vaultLock?, copyRegion?, store?}\`: retention ${MIN_BACKUP_RETENTION_DAYS}+ days (${MIN_PROD_BACKUP_RETENTION_DAYS}+ in prod), an AWS Backup cron() schedule, vault lock ${VAULT_LOCK_MODES.join("/")} (not none in prod), a region to copy recovery points to; on-prem, \`store: {endpoint, bucket, region?, prefix?, caCertificate, encryption, credentialsSecret?}\` is the S3-compatible store (https:// only, its CA in PEM, how it encrypts at rest) logical backups leave the cluster for (required in prod by the policy pack).`,
        default: "{retentionDays: 7/35/90 by environment, schedule: cron(0 3 ? * * *), vaultLock: compliance in prod else none, store: none}",
    },
    restore: {
        summary: "`{backupName, pointInTime?}`: restore MongoDB from that logical backup (`kubectl -n data get psmdb-backup`), rolled forward with PITR to pointInTime (UTC `YYYY-MM-DD HH:MM:SS`, or `latest`); the next `pulumi up` creates the restore (README, \"Restoring MongoDB\").",
        default: "(none)",
    },
    backupStoreCredentials: {
        summary: "onprem: `{accessKeyId, secretAccessKey}` of backup.store, a secret (`pulumi config set --secret backupStoreCredentials '{...}'`); or name an existing Secret in backup.store.credentialsSecret instead.",
        default: "(none)",
    },
};

/** Backup fields only AWS Backup reads; on-prem snapshots follow `storage.snapshotSchedule`. */
const AWS_BACKUP_FIELDS = ["schedule", "vaultLock", "copyRegion"] as const;

export function readData(reader: ConfigReader, environment: Environment, region: string | undefined, platform: "aws" | "onprem" = "aws"): Partial<DataSettings> {
    const backup = readBackup(reader, environment, region, platform);
    if (reader.get("backupStoreCredentials") !== undefined && backup !== undefined && backup.store === undefined) {
        reader.problem("backupStoreCredentials", platform === "aws"
            ? "applies only to platform onprem; AWS stacks write logical backups to their own bucket through EKS Pod Identity, with no key"
            : "set backup.store too: the credentials are for that store");
    }
    const restore = readRestore(reader);
    if (restore && platform === "onprem" && backup !== undefined && backup.store === undefined) {
        reader.problem("restore", "needs backup.store: on-prem, logical backups (and PITR) exist only in the off-cluster store");
    }
    return {
        keystore: readKeystore(reader),
        mongodb: readMongoDb(reader, environment),
        backup,
        ...(restore ? { restore } : {}),
    };
}

function readRestore(reader: ConfigReader, now = new Date()): RestoreRequest | undefined {
    const value = reader.structured("restore");
    if (value === undefined) {
        return undefined;
    }
    if (!isPlainObject(value)) {
        reader.problem("restore", `expected {backupName, pointInTime?}, got ${describe(value)}`);
        return undefined;
    }
    let ok = reader.onlyFields("restore", "restore", value, RESTORE_FIELDS);
    if (typeof value.backupName !== "string" || !SECRET_NAME.test(value.backupName)) {
        reader.problem("restore", `restore.backupName ${value.backupName === undefined ? "is missing" : `${describe(value.backupName)} is not an object name`}; name a PerconaServerMongoDBBackup (kubectl -n data get psmdb-backup)`);
        ok = false;
    }
    const pointInTime = value.pointInTime;
    if (pointInTime !== undefined && pointInTime !== "latest") {
        const valid = typeof pointInTime === "string" && PITR_DATE.test(pointInTime) && !Number.isNaN(Date.parse(`${pointInTime.replace(" ", "T")}Z`))
            && new Date(`${pointInTime.replace(" ", "T")}Z`).toISOString().slice(0, 19) === pointInTime.replace(" ", "T");
        if (!valid) {
            reader.problem("restore", `restore.pointInTime ${describe(pointInTime)} is not a time; use UTC "YYYY-MM-DD HH:MM:SS" (e.g. "2026-01-31 13:45:00") or "latest"`);
            ok = false;
        } else if (new Date(`${pointInTime.replace(" ", "T")}Z`) > now) {
            reader.problem("restore", `restore.pointInTime ${pointInTime} is in the future; PITR reaches at most the last oplog slice (or use "latest")`);
            ok = false;
        }
    }
    return ok ? { backupName: value.backupName as string, ...(pointInTime !== undefined ? { pointInTime: pointInTime as string } : {}) } : undefined;
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
    } else if (value.store !== undefined) {
        reader.problem("backup", "backup.store applies only to platform onprem; AWS stacks write logical backups to a bucket of their own (with SSE-KMS, through EKS Pod Identity)");
        ok = false;
    }
    const store = platform === "onprem" && value.store !== undefined ? readStore(reader, value.store) : undefined;
    if (platform === "onprem" && value.store !== undefined && store === undefined) {
        ok = false;
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
        ? {
            retentionDays: retentionDays as number,
            schedule: schedule as string,
            vaultLock: vaultLock as VaultLockMode,
            ...(copyRegion ? { copyRegion: copyRegion as string } : {}),
            ...(store ? { store } : {}),
        }
        : undefined;
}

/**
 * `backup.store`. The CA is required even when a public CA issued the store's certificate: the backup agents
 * then trust only it instead of every root their image carries (operator v1.22.0 points `SSL_CERT_FILE` at the
 * CA bundle, pkg/psmdb/statefulset.go `collectStorageCABundles`), and a missing CA cannot be told apart from a
 * forgotten one. TLS verification cannot be turned off: there is no field for it.
 */
function readStore(reader: ConfigReader, value: unknown): BackupStoreSettings | undefined {
    if (!isPlainObject(value)) {
        reader.problem("backup", `backup.store: expected {endpoint, bucket, region?, prefix?, caCertificate, encryption, credentialsSecret?}, got ${describe(value)}`);
        return undefined;
    }
    let ok = reader.onlyFields("backup", "backup.store", value, STORE_FIELDS);
    const endpoint = typeof value.endpoint === "string" ? STORE_ENDPOINT.exec(value.endpoint)?.groups : undefined;
    const port = endpoint?.port === undefined ? 443 : Number(endpoint.port);
    if (!endpoint) {
        const plain = typeof value.endpoint === "string" && value.endpoint.startsWith("http://");
        reader.problem("backup", `backup.store.endpoint ${value.endpoint === undefined ? "is missing" : `${describe(value.endpoint)} is not allowed`}; ${plain ? "backups travel only over HTTPS: " : ""}use https://<dns name>[:port] with nothing after it, e.g. https://s3.backup.corp.example`);
        ok = false;
    } else if (port < 1 || port > 65535) {
        reader.problem("backup", `backup.store.endpoint port ${port} is out of range; use 1 to 65535`);
        ok = false;
    }
    if (typeof value.bucket !== "string" || !BUCKET.test(value.bucket)) {
        reader.problem("backup", `backup.store.bucket ${value.bucket === undefined ? "is missing" : `${describe(value.bucket)} is not a bucket name`} (3 to 63 lower-case letters, digits, '.' or '-')`);
        ok = false;
    }
    if (value.region !== undefined && (typeof value.region !== "string" || !STORE_REGION.test(value.region))) {
        reader.problem("backup", `backup.store.region ${describe(value.region)} is not a region name (lower-case letters, digits and '-', e.g. us-east-1)`);
        ok = false;
    }
    const prefix = value.prefix ?? DEFAULT_BACKUP_STORE_PREFIX;
    if (typeof prefix !== "string" || !PREFIX.test(prefix) || prefix.length > 512) {
        reader.problem("backup", `backup.store.prefix ${describe(prefix)} is not a folder in the bucket (letters, digits, !_.*'()- separated by '/', no leading or trailing '/')`);
        ok = false;
    }
    const ca = readStoreCa(reader, value.caCertificate);
    if (typeof value.encryption !== "string" || value.encryption.trim() === "" || value.encryption.length > 200) {
        reader.problem("backup", `backup.store.encryption ${value.encryption === undefined ? "is missing" : `${describe(value.encryption)} is not a description`}; say how the store encrypts backups at rest (at most 200 characters), e.g. "MinIO SSE-KMS by bucket default, keys in KES"`);
        ok = false;
    }
    // The platform routes the store through the egress gateway itself; a second entry for it would clash.
    const egress = reader.structured("egress");
    const listed = isPlainObject(egress) && Array.isArray(egress.hosts) && egress.hosts.some((entry: unknown) => isPlainObject(entry) && entry.host === endpoint?.host);
    if (endpoint && listed) {
        reader.problem("backup", `backup.store.endpoint host ${endpoint.host} is also in egress.hosts; remove it there: the platform routes the store through the egress gateway for the data namespace itself`);
        ok = false;
    }
    const credentials = readStoreCredentials(reader, value.credentialsSecret);
    return ok && endpoint && ca && credentials
        ? {
            endpoint: `https://${endpoint.host}${endpoint.port === undefined ? "" : `:${port}`}`,
            host: endpoint.host,
            port,
            bucket: value.bucket as string,
            ...(value.region ? { region: value.region as string } : {}),
            prefix: prefix as string,
            caCertificatePem: ca,
            encryption: value.encryption as string,
            credentials,
        }
        : undefined;
}

/** The store's CA: one or more PEM certificates, each a CA and valid now. */
function readStoreCa(reader: ConfigReader, value: unknown, now = new Date()): string | undefined {
    if (typeof value !== "string" || value.trim() === "") {
        reader.problem("backup", "backup.store.caCertificate is missing; give the PEM certificate of the CA that issued the store's certificate (the backup agents trust only it)");
        return undefined;
    }
    const blocks = value.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) {
        reader.problem("backup", "backup.store.caCertificate is not a PEM certificate (-----BEGIN CERTIFICATE-----)");
        return undefined;
    }
    let ok = true;
    for (const [i, block] of blocks.entries()) {
        const which = blocks.length > 1 ? ` (certificate ${i + 1})` : "";
        let x509: crypto.X509Certificate;
        try {
            x509 = new crypto.X509Certificate(block);
        } catch {
            reader.problem("backup", `backup.store.caCertificate${which} does not parse as an X.509 certificate`);
            ok = false;
            continue;
        }
        if (!x509.ca) {
            reader.problem("backup", `backup.store.caCertificate${which} (${x509.subject.replace(/\n/g, ", ")}) is not a CA certificate; give the CA that issued the store's certificate, not the store's own`);
            ok = false;
        }
        if (new Date(x509.validTo) <= now) {
            reader.problem("backup", `backup.store.caCertificate${which} expired on ${new Date(x509.validTo).toISOString().slice(0, 10)}`);
            ok = false;
        }
    }
    return ok ? `${blocks.join("\n")}\n` : undefined;
}

/** The store's access key: the secret `backupStoreCredentials`, or an existing Secret named in the store. */
function readStoreCredentials(reader: ConfigReader, existingSecret: unknown): BackupStoreSettings["credentials"] | undefined {
    const given = reader.structured("backupStoreCredentials");
    if (existingSecret !== undefined) {
        if (typeof existingSecret !== "string" || !SECRET_NAME.test(existingSecret)) {
            reader.problem("backup", `backup.store.credentialsSecret ${describe(existingSecret)} is not a Secret name`);
            return undefined;
        }
        if (given !== undefined) {
            reader.problem("backupStoreCredentials", "set backupStoreCredentials or backup.store.credentialsSecret, not both");
            return undefined;
        }
        return { existingSecret };
    }
    if (given === undefined) {
        reader.problem("backupStoreCredentials", "missing; the store needs an access key: set backupStoreCredentials to {accessKeyId, secretAccessKey} as a secret, or name an existing Secret of the data namespace (keys AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) in backup.store.credentialsSecret");
        return undefined;
    }
    if (reader.isSecret("backupStoreCredentials") === false) {
        reader.problem("backupStoreCredentials", "must be a secret (it holds the store's secret access key); set it with `pulumi config set --secret backupStoreCredentials '{\"accessKeyId\":...,\"secretAccessKey\":...}'` (in the stack file: {secure: ...}), not as a plain value");
        return undefined;
    }
    // The whole value given as one secure value arrives offline as a placeholder string.
    if (typeof given === "string" && isOfflinePlaceholder(given)) {
        return { accessKey: { accessKeyId: given, secretAccessKey: given } };
    }
    if (!isPlainObject(given)) {
        reader.problem("backupStoreCredentials", "expected {accessKeyId, secretAccessKey}");
        return undefined;
    }
    let ok = reader.onlyFields("backupStoreCredentials", "backupStoreCredentials", given, ACCESS_KEY_FIELDS);
    for (const field of ACCESS_KEY_FIELDS) {
        if (typeof given[field] !== "string" || given[field] === "") {
            reader.problem("backupStoreCredentials", `backupStoreCredentials.${field} is missing`);
            ok = false;
        }
    }
    return ok ? { accessKey: { accessKeyId: given.accessKeyId as string, secretAccessKey: given.secretAccessKey as string } } : undefined;
}
