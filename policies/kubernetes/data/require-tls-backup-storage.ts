/**
 * Backups travel encrypted to a store whose identity is checked: every S3-compatible, MinIO and Azure storage
 * of a Percona MongoDB cluster (and the source of a restore) must use HTTPS and verify the store's
 * certificate. Field names follow operator v1.22.0 (pkg/apis/psmdb/v1/psmdb_types.go `BackupStorageS3Spec`,
 * `BackupStorageMinioSpec`, `BackupStorageAzureSpec`); a `minio` storage uses plain HTTP unless `secure` is
 * true (PBM pbm/storage/mio: `minio.Options{Secure: cfg.Secure}`).
 */
import { PERCONA_MONGODB_TYPES } from "../../lib/percona";
import { defineResourceRule, type Props } from "../../lib/rule";

const RESTORE_TYPES = ["kubernetes:psmdb.percona.com/v1:PerconaServerMongoDBRestore"] as const;

/** What is wrong with one storage definition, as sentences starting with its name. */
export function storageTransportProblems(where: string, type: string | undefined, storage: Props | undefined): string[] {
    const settings = (type === undefined ? undefined : storage?.[type]) as Props | undefined;
    if (!settings || !["s3", "minio", "azure"].includes(type ?? "")) {
        return [];
    }
    const problems: string[] = [];
    const endpoint = settings.endpointUrl;
    if (typeof endpoint === "string" && /^http:\/\//i.test(endpoint)) {
        problems.push(`${where} endpointUrl ${endpoint} is plain HTTP: backups and the store's credentials would cross the network unencrypted.`);
    }
    if (type === "minio" && settings.secure !== true) {
        problems.push(`${where} (minio) has secure ${settings.secure ?? "not set"}: the MinIO client then speaks plain HTTP; set secure: true.`);
    }
    if (settings.insecureSkipTLSVerify === true) {
        problems.push(`${where} has insecureSkipTLSVerify true: any server can pose as the store and receive the backups; give the store's CA instead (minio.caBundle).`);
    }
    return problems;
}

export default defineResourceRule({
    name: "require-tls-backup-storage",
    description: "Every S3-compatible, MinIO or Azure backup storage of a Percona MongoDB cluster, and the backup source of a restore, must be reached over HTTPS with the store's certificate verified (no http:// endpoint, MinIO secure, insecureSkipTLSVerify off).",
    severity: "high",
    controls: ["NIST SP 800-53 SC-8", "NIST SP 800-53 CP-9"],
    remediation: "Use an https:// `endpointUrl` (or none, for AWS S3), set `secure: true` on a minio storage, remove `insecureSkipTLSVerify`, and give a private CA in `minio.caBundle` (on-prem: `backup.store.caCertificate`).",
    resourceTypes: [...PERCONA_MONGODB_TYPES, ...RESTORE_TYPES],
    validate(props, { type }, report) {
        const problems = (RESTORE_TYPES as readonly string[]).includes(type)
            ? restoreProblems(props)
            : Object.entries((props.spec?.backup?.storages ?? {}) as Record<string, Props>)
                .flatMap(([name, storage]) => storageTransportProblems(`spec.backup.storages.${name}`, storage?.type, storage));
        for (const problem of problems) {
            report(problem);
        }
    },
});

/** A restore's `backupSource` names its storage by the key it fills (s3, minio, azure). */
function restoreProblems(props: Props): string[] {
    const source = props.spec?.backupSource as Props | undefined;
    return ["s3", "minio", "azure"].flatMap((type) => (source?.[type] ? storageTransportProblems("spec.backupSource", type, source) : []));
}
