import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { perconaCluster } from "./percona-fixtures";

const minio = (extra: Record<string, unknown> = {}) => ({ type: "minio", minio: { bucket: "backups", endpointUrl: "s3.backup.corp.example:443", secure: true, caBundle: { name: "store-ca", key: "ca.crt" }, ...extra } });
const s3 = (extra: Record<string, unknown> = {}) => ({ type: "s3", s3: { bucket: "backups", region: "eu-west-1", ...extra } });
const azure = (extra: Record<string, unknown> = {}) => ({ type: "azure", azure: { container: "backups", credentialsSecret: "azure", ...extra } });
const withStorages = (storages: Record<string, unknown>) => perconaCluster("orders", { backup: { enabled: true, image: "percona/percona-backup-mongodb:2.12.0", storages } } as never);
const restore = (backupSource: Record<string, unknown>) => resource("kubernetes:psmdb.percona.com/v1:PerconaServerMongoDBRestore", "restore-1", {
    apiVersion: "psmdb.percona.com/v1", kind: "PerconaServerMongoDBRestore", metadata: { name: "restore-1", namespace: "databases" },
    spec: { clusterName: "orders", backupSource: { type: "logical", destination: "s3://backups/mongodb/2026-01-31T04:00:00Z", ...backupSource } },
} as never);

export default ruleCases("require-tls-backup-storage", {
    compliant: [
        { name: "a MinIO storage over HTTPS with its CA", resources: [withStorages({ logical: minio() })] },
        { name: "AWS S3 with its default endpoint", resources: [withStorages({ logical: s3() })] },
        { name: "an S3-compatible store at an https:// endpoint", resources: [withStorages({ logical: s3({ endpointUrl: "https://s3.backup.corp.example" }) })] },
        { name: "Azure at its https:// endpoint", resources: [withStorages({ blob: azure({ endpointUrl: "https://acct.blob.core.windows.net" }) })] },
        { name: "a filesystem storage (no network transport to judge)", resources: [withStorages({ nfs: { type: "filesystem", filesystem: { path: "/mnt/backups" } } })] },
        { name: "no backups", resources: [perconaCluster("orders")] },
        { name: "a restore from a MinIO source over HTTPS", resources: [restore({ minio: minio().minio })] },
    ],
    violating: [
        { name: "TLS verification skipped (s3)", resources: [withStorages({ logical: s3({ endpointUrl: "https://s3.backup.corp.example", insecureSkipTLSVerify: true }) })], message: /spec.backup.storages.logical has insecureSkipTLSVerify true/ },
        { name: "TLS verification skipped (minio)", resources: [withStorages({ logical: minio({ insecureSkipTLSVerify: true }) })], message: /insecureSkipTLSVerify true: any server can pose as the store/ },
        { name: "a plain HTTP S3-compatible endpoint", resources: [withStorages({ logical: s3({ endpointUrl: "http://minio.backup:9000" }) })], message: /spec.backup.storages.logical endpointUrl http:\/\/minio.backup:9000 is plain HTTP/ },
        { name: "a MinIO storage without secure (plain HTTP)", resources: [withStorages({ logical: minio({ secure: false }) })], message: /\(minio\) has secure false: the MinIO client then speaks plain HTTP/ },
        { name: "a MinIO storage with secure not set", resources: [withStorages({ logical: { type: "minio", minio: { bucket: "backups", endpointUrl: "s3.backup.corp.example:443" } } })], message: /has secure not set/ },
        { name: "Azure over plain HTTP", resources: [withStorages({ blob: azure({ endpointUrl: "http://azurite:10000" }) })], message: /spec.backup.storages.blob endpointUrl http:\/\/azurite:10000 is plain HTTP/ },
        { name: "a restore from a source that skips verification", resources: [restore({ s3: s3({ insecureSkipTLSVerify: true }).s3 })], message: /spec.backupSource has insecureSkipTLSVerify true/ },
    ],
    unknown: [
        { name: "the endpoint not known yet", resources: [withStorages({ logical: s3({ endpointUrl: unknown }) })] },
        { name: "verification not known yet", resources: [withStorages({ logical: minio({ insecureSkipTLSVerify: unknown }) })] },
    ],
});
