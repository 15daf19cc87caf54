import { ruleCases, unknown } from "../../../harness/policy-cases";
import { cluster, instance } from "./baseline";

export default ruleCases("require-db-backup-retention", {
    compliant: [
        { name: "an instance keeping 7 days", resources: [instance("orders")] },
        { name: "an Aurora cluster keeping 14 days", resources: [cluster("orders")] },
        { name: "a read replica without backups (FSBP RDS.11 exempts replicas)", resources: [instance("replica", { replicateSourceDb: "orders", backupRetentionPeriod: undefined })] },
        { name: "35 days where the team asks for 35", resources: [instance("orders", { backupRetentionPeriod: 35 })], config: { "require-db-backup-retention": { minRetentionDays: 35 } } },
    ],
    violating: [
        { name: "an instance keeping 1 day", resources: [instance("orders", { backupRetentionPeriod: 1 })], message: /backupRetentionPeriod is 1: a point-in-time restore reaches back less than 7 days; expected at least 7\./ },
        { name: "an instance with automated backups off", resources: [instance("orders", { backupRetentionPeriod: 0 })], message: /backupRetentionPeriod is 0 \(automated backups off\)/ },
        { name: "an instance without backupRetentionPeriod", resources: [instance("orders", { backupRetentionPeriod: undefined })], message: /not set \(the default is 0: no automated backups\)/ },
        { name: "a cluster without backupRetentionPeriod", resources: [cluster("orders", { backupRetentionPeriod: undefined })], message: /not set \(the default is 1 day\)/ },
        { name: "14 days where the team asks for 35", resources: [cluster("orders")], config: { "require-db-backup-retention": { minRetentionDays: 35 } }, message: /backupRetentionPeriod is 14.*expected at least 35/ },
    ],
    unknown: [
        { name: "backupRetentionPeriod not known yet", resources: [cluster("later", { backupRetentionPeriod: unknown })] },
    ],
});
