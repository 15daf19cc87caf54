/**
 * Backups that survive the loss of the cluster (and of the site's volumes): in production every Percona
 * MongoDB cluster must write logical backups to object storage outside the cluster, or have its volumes taken
 * by AWS Backup into a vault. Snapshots of the cluster's own storage (CSI VolumeSnapshots, a `filesystem`
 * storage on a mounted volume) are lost with it. Storage fields follow operator v1.22.0
 * (pkg/apis/psmdb/v1/psmdb_types.go `BackupSpec`, `BackupStorageSpec`, `BackupTaskSpec`).
 */
import { ENVIRONMENT_SCOPE_CONFIG, EnvironmentScope, inScope } from "../lib/environment";
import { PERCONA_MONGODB_TYPES, replicaSets, storageClassOf } from "../lib/percona";
import type { PolicyResource } from "../lib/policy-api";
import { defineStackRule, type Props } from "../lib/rule";
import { declaredVolumeTags, EBS_DRIVER_TAG, isEbsProvisioner, STORAGE_CLASS_TYPE } from "../lib/storage-class";
import { list, ofType } from "../lib/values";
import { selectsVolumes } from "./require-backup-for-data-volumes";

/** Storage types that write to a service outside the cluster; `filesystem` is a volume mounted into the pods. */
const OFF_CLUSTER_STORAGE_TYPES = ["s3", "minio", "gcs", "azure"] as const;

/** Names of the storages of `backup` that leave the cluster and that an enabled scheduled task writes to. */
export function offClusterStoragesInUse(backup: Props | undefined, types: readonly string[]): string[] {
    if (backup?.enabled !== true) {
        return [];
    }
    const storages = Object.entries((backup.storages ?? {}) as Record<string, Props>);
    const offCluster = storages.filter(([, storage]) => types.includes(storage?.type)).map(([name]) => name);
    const tasks = list(backup.tasks).filter((task) => task.enabled === true && typeof task.schedule === "string" && task.schedule !== "");
    // A task without storageName writes to the only storage, or to the one marked `main`.
    const main = storages.length === 1 ? storages[0][0] : storages.find(([, storage]) => storage?.main === true)?.[0];
    return offCluster.filter((name) => tasks.some((task) => (task.storageName ?? main) === name));
}

export default defineStackRule<EnvironmentScope & { offClusterStorageTypes: string[] }>({
    name: "require-offsite-database-backup",
    description: "In production every Percona MongoDB cluster must have a backup outside the cluster: a scheduled logical backup to object storage (s3, minio, gcs or azure storage), or AWS Backup taking its volumes into a vault; snapshots of the cluster's own storage are lost with it.",
    severity: "high",
    controls: ["NIST SP 800-53 CP-9", "NIST SP 800-53 CP-6"],
    remediation: "Enable `spec.backup` with a storage of type s3, minio, gcs or azure and an enabled task with a `schedule` whose `storageName` names it (on-prem: set `backup.store` in the stack; README, \"Restoring MongoDB\"), or select the database's EBS volumes in an aws.backup.Selection.",
    config: {
        ...ENVIRONMENT_SCOPE_CONFIG,
        offClusterStorageTypes: {
            type: "array",
            items: { type: "string" },
            default: [...OFF_CLUSTER_STORAGE_TYPES],
            description: "Backup storage types that write outside the cluster (add filesystem only where its volume is remote and survives the site).",
        },
    },
    validate(resources, { config }, report) {
        if (!inScope(config).applies) {
            return;
        }
        const selections = ofType(resources, "aws:backup/selection:Selection");
        // Classes indexed on first use and each answer remembered, so many databases cost one pass over the selections.
        let classes: Map<unknown, PolicyResource> | undefined;
        const selected = new Map<PolicyResource, boolean>();
        const inVault = (className: string | undefined) => {
            classes ??= new Map(ofType(resources, STORAGE_CLASS_TYPE).reverse().map((c) => [c.props.metadata?.name, c]));
            const storageClass = className === undefined ? undefined : classes.get(className);
            if (!storageClass || !isEbsProvisioner(storageClass.props.provisioner)) {
                return false;
            }
            if (!selected.has(storageClass)) {
                const tags = [...declaredVolumeTags(storageClass.props.parameters), EBS_DRIVER_TAG];
                selected.set(storageClass, selections.some((selection) => selectsVolumes(selection, tags)));
            }
            return selected.get(storageClass)!;
        };
        for (const database of PERCONA_MONGODB_TYPES.flatMap((type) => ofType(resources, type))) {
            const backup = database.props.spec?.backup as Props | undefined;
            if (offClusterStoragesInUse(backup, config.offClusterStorageTypes).length > 0) {
                continue;
            }
            const sets = replicaSets(database.props);
            if (sets.length > 0 && sets.every((replset) => inVault(storageClassOf(replset)))) {
                continue;
            }
            const storages = Object.entries((backup?.storages ?? {}) as Record<string, Props>).map(([name, storage]) => `${name} (${storage?.type ?? "no type"})`);
            const found = backup?.enabled !== true
                ? "logical backups are off (spec.backup.enabled is not true)"
                : storages.length === 0
                    ? "spec.backup.storages is empty"
                    : `no enabled, scheduled task writes to a storage outside the cluster (storages: ${storages.join(", ")})`;
            report(database, `PerconaServerMongoDB ${database.name}: ${found}, and no AWS Backup selection takes in its volumes, so a lost cluster or site loses every backup.`);
        }
    },
});
