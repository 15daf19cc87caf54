/**
 * Logical backups to an S3-compatible store outside the cluster (on-prem: MinIO, Ceph RGW, a storage
 * appliance), as a `LogicalBackupTarget` for `PerconaMongoDb`: the storage definition, the Secrets it reads
 * (access key, CA), and the egress its clients need. Pure: no resource is created here.
 *
 * The storage is of type `minio` (PBM's MinIO client), not `s3`: in operator v1.22.0 only a `minio` storage
 * takes a CA bundle (`caBundle`, pkg/apis/psmdb/v1/psmdb_types.go BackupStorageMinioSpec; the `s3` spec has
 * none), which the operator mounts into the backup agent and names in `SSL_CERT_FILE`
 * (pkg/psmdb/statefulset.go `collectStorageCABundles`). That client sends no server-side encryption headers
 * (PBM pbm/storage/mio: PutObject without SSE options), so encryption at rest is the store's bucket default,
 * which the stack declares in `backup.store.encryption`.
 *
 * Known limit: the operator deletes expired backups from its own pod (v1.22.0 pkg/psmdb/backup/pbm.go
 * `deleteBackupImpl` opens the storage in-process), which trusts only its image's CA bundle: chart
 * psmdb-operator 1.22.0 has no value for extra volumes or environment (templates/deployment.yaml). With a store
 * certificate from a private CA those deletions fail (README, "Restoring MongoDB", says what to do). A
 * DeploymentPatch adding the CA was not chosen: the pack judges a patch's partial pod template like a workload.
 */
import * as pulumi from "@pulumi/pulumi";
import type { BackupStoreSettings } from "../../settings/data";
import type { LogicalBackupTarget } from "./percona-mongodb";

/** The Secret holding the store's access key (keys the operator reads: pkg/psmdb/backup `AWSAccessKeySecretKey`). */
export const BACKUP_STORE_CREDENTIALS_SECRET = "mongodb-backup-store-credentials";
/** The Secret holding the store's CA bundle. */
export const BACKUP_STORE_CA_SECRET = "mongodb-backup-store-ca";
/** The key of the CA in that Secret (the operator's default key, `collectStorageCABundles`). */
export const BACKUP_STORE_CA_KEY = "ca.crt";

/** The `backup.storages.<name>` entry for the store. */
export function backupStoreStorage(store: BackupStoreSettings): Record<string, unknown> {
    return {
        type: "minio",
        minio: {
            bucket: store.bucket,
            ...(store.region ? { region: store.region } : {}),
            prefix: store.prefix,
            // host:port, no scheme: PBM hands it to minio-go's `minio.New`, and `secure` selects HTTPS.
            endpointUrl: `${store.host}:${store.port}`,
            secure: true,
            insecureSkipTLSVerify: false,
            // Path-style requests (minio-go BucketLookupPath): only the endpoint's host is ever contacted,
            // never <bucket>.<host>, so the mesh and the CA need to know one name.
            forcePathStyle: true,
            credentialsSecret: "existingSecret" in store.credentials ? store.credentials.existingSecret : BACKUP_STORE_CREDENTIALS_SECRET,
            caBundle: { name: BACKUP_STORE_CA_SECRET, key: BACKUP_STORE_CA_KEY },
        },
    };
}

/**
 * Everything `PerconaMongoDb` needs to write logical backups (and PITR oplog slices) to the store. The store is
 * an external host like any other: the backup agents (in the members' pods) and the operator (which deletes
 * expired backups) reach it through the platform's egress gateway, which passes their TLS through by SNI and
 * admits only `namespace` for that host; the namespace's own NetworkPolicies then need no rule to the store.
 */
export function backupStoreTarget(store: BackupStoreSettings, namespace: string): LogicalBackupTarget {
    const accessKey = "accessKey" in store.credentials ? store.credentials.accessKey : undefined;
    return {
        storage: backupStoreStorage(store),
        egress: [],
        egressGatewayHosts: [{ host: store.host, port: store.port, protocol: "TLS", namespaces: [namespace] }],
        secrets: [
            { name: BACKUP_STORE_CA_SECRET, stringData: { [BACKUP_STORE_CA_KEY]: store.caCertificatePem } },
            ...(accessKey
                ? [{
                    name: BACKUP_STORE_CREDENTIALS_SECRET,
                    stringData: pulumi.secret({ AWS_ACCESS_KEY_ID: accessKey.accessKeyId, AWS_SECRET_ACCESS_KEY: accessKey.secretAccessKey }),
                }]
                : []),
        ],
    };
}
