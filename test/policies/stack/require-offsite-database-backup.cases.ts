import { resource, ruleCases, unknown } from "../../harness/policy-cases";
import { perconaCluster, storageClass } from "../kubernetes/data/percona-fixtures";

const minio = { type: "minio", minio: { bucket: "backups", endpointUrl: "s3.backup.corp.example:443", secure: true, credentialsSecret: "store", caBundle: { name: "store-ca", key: "ca.crt" } } };
const s3 = { type: "s3", s3: { bucket: "backups", region: "eu-west-1" } };
const nfs = { type: "filesystem", filesystem: { path: "/mnt/backups" } };
const daily = (storageName?: string, extra: Record<string, unknown> = {}) => ({ name: "daily", enabled: true, schedule: "0 4 * * *", type: "logical", ...(storageName ? { storageName } : {}), ...extra });
const backup = (storages: Record<string, unknown>, tasks: unknown[], enabled: unknown = true) => ({ backup: { enabled, image: "percona/percona-backup-mongodb:2.12.0", storages, tasks } }) as never;
const ebs = storageClass("fast-encrypted", "ebs.csi.aws.com", { encrypted: "true", tagSpecification_1: "backup-tier=gold" });
const longhorn = storageClass("fast-encrypted", "driver.longhorn.io", { encrypted: "true" });
const selection = (props: Record<string, unknown>) => resource("aws:backup/selection:Selection", "gold", { iamRoleArn: "arn:aws:iam::111122223333:role/backup", planId: "plan-1", name: "gold", ...props } as never);

export default ruleCases("require-offsite-database-backup", {
    compliant: [
        { name: "daily logical backups to an S3-compatible store on-prem (minio)", resources: [perconaCluster("orders", backup({ logical: minio }, [daily("logical")])), longhorn] },
        { name: "daily logical backups to S3", resources: [perconaCluster("orders", backup({ logical: s3 }, [daily("logical")]))] },
        { name: "a task without storageName writes to the only storage", resources: [perconaCluster("orders", backup({ logical: s3 }, [daily()]))] },
        { name: "a task without storageName writes to the main storage", resources: [perconaCluster("orders", backup({ local: nfs, remote: { ...s3, main: true } }, [daily()]))] },
        { name: "no logical backups, but AWS Backup takes the volumes into a vault", resources: [perconaCluster("orders"), ebs, selection({ selectionTags: [{ type: "STRINGEQUALS", key: "backup-tier", value: "gold" }] })] },
        { name: "a filesystem storage the team declares remote", resources: [perconaCluster("orders", backup({ nfs }, [daily("nfs")])), longhorn], config: { "require-offsite-database-backup": { offClusterStorageTypes: ["s3", "minio", "gcs", "azure", "filesystem"] } } },
    ],
    violating: [
        { name: "no backup at all (CSI snapshots only)", resources: [perconaCluster("orders"), longhorn], message: /PerconaServerMongoDB orders: logical backups are off \(spec.backup.enabled is not true\), and no AWS Backup selection takes in its volumes/ },
        { name: "logical backups disabled", resources: [perconaCluster("orders", backup({ logical: minio }, [daily("logical")], false)), longhorn], message: /logical backups are off/ },
        { name: "backups enabled with no storage", resources: [perconaCluster("orders", backup({}, [])), longhorn], message: /spec.backup.storages is empty/ },
        { name: "backups only to a volume in the cluster", resources: [perconaCluster("orders", backup({ nfs }, [daily("nfs")])), longhorn], message: /no enabled, scheduled task writes to a storage outside the cluster \(storages: nfs \(filesystem\)\)/ },
        { name: "an off-cluster storage no task writes to", resources: [perconaCluster("orders", backup({ local: nfs, remote: s3 }, [daily("local")])), longhorn], message: /storages: local \(filesystem\), remote \(s3\)/ },
        { name: "the task to the store disabled", resources: [perconaCluster("orders", backup({ logical: minio }, [daily("logical", { enabled: false })])), longhorn], message: /no enabled, scheduled task/ },
        { name: "AWS Backup selects other volumes", resources: [perconaCluster("orders"), ebs, selection({ selectionTags: [{ type: "STRINGEQUALS", key: "backup-tier", value: "silver" }] })], message: /no AWS Backup selection takes in its volumes/ },
    ],
    unknown: [
        { name: "the storage type not known yet", resources: [perconaCluster("orders", backup({ logical: { type: unknown } }, [daily("logical")])), longhorn] },
    ],
});
