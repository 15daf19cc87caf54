import { resource, ruleCases, unknown } from "../../harness/policy-cases";
import { perconaCluster, replset, storageClass } from "../kubernetes/data/percona-fixtures";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8";
const tagged = storageClass("fast-encrypted", "ebs.csi.aws.com", { encrypted: "true", kmsKeyId: KEY, tagSpecification_1: "backup-tier=gold", tagSpecification_2: "team=orders" }, { reclaimPolicy: "Retain" });
const untagged = storageClass("fast-encrypted", "ebs.csi.aws.com", { encrypted: "true", kmsKeyId: KEY }, { reclaimPolicy: "Retain" });
const selection = (name: string, props: Record<string, unknown>) => resource("aws:backup/selection:Selection", name, { iamRoleArn: "arn:aws:iam::111122223333:role/backup", planId: "plan-1", name, ...props });
const schedule = (namespace: string, disabled = false) => resource("kubernetes:snapscheduler.backube/v1:SnapshotSchedule", `hourly-${namespace}`, {
    metadata: { name: "hourly", namespace },
    spec: { schedule: "0 * * * *", retention: { maxCount: 48 }, ...(disabled ? { disabled: true } : {}) },
});

export default ruleCases("require-backup-for-data-volumes", {
    compliant: [
        { name: "a selection by the class's volume tag", resources: [perconaCluster("orders"), tagged, selection("gold", { selectionTags: [{ type: "STRINGEQUALS", key: "backup-tier", value: "gold" }] })] },
        { name: "a selection by a resource-tag condition", resources: [perconaCluster("orders"), tagged, selection("team", { conditions: [{ stringEquals: [{ key: "aws:ResourceTag/team", value: "orders" }] }] })] },
        { name: "a selection of every EBS volume", resources: [perconaCluster("orders"), untagged, selection("all-volumes", { resources: ["arn:aws:ec2:*:*:volume/*"] })] },
        { name: "a snapshot schedule in the database's namespace", resources: [perconaCluster("orders"), storageClass("fast-encrypted", "driver.longhorn.io", { encrypted: "true" }), schedule("databases")] },
        { name: "a class backed up outside the stack", resources: [perconaCluster("orders")], config: { "require-backup-for-data-volumes": { externallyBackedUpStorageClasses: ["fast-encrypted"] } } },
    ],
    violating: [
        { name: "no backup selection at all", resources: [perconaCluster("orders"), tagged], message: /orders replica set rs0: no AWS Backup selection matches the volume tags of StorageClass fast-encrypted \(backup-tier=gold, team=orders\)/ },
        { name: "a selection for another tag value", resources: [perconaCluster("orders"), tagged, selection("silver", { selectionTags: [{ type: "STRINGEQUALS", key: "backup-tier", value: "silver" }] })], message: /no AWS Backup selection matches/ },
        { name: "a class that tags nothing", resources: [perconaCluster("orders"), untagged, selection("gold", { selectionTags: [{ type: "STRINGEQUALS", key: "backup-tier", value: "gold" }] })], message: /puts no tag on its volumes/ },
        { name: "a class the stack does not declare", resources: [perconaCluster("orders", { replsets: [replset({ storageClassName: "somewhere-else" })] })], message: /uses StorageClass somewhere-else, which this stack does not declare/ },
        { name: "a non-EBS class with the schedule disabled", resources: [perconaCluster("orders"), storageClass("fast-encrypted", "driver.longhorn.io", {}), schedule("databases", true)], message: /no SnapshotSchedule covers namespace databases/ },
        { name: "a schedule in another namespace", resources: [perconaCluster("orders"), storageClass("fast-encrypted", "driver.longhorn.io", {}), schedule("other")], message: /no SnapshotSchedule covers namespace databases/ },
        { name: "data kept outside a volume claim", resources: [perconaCluster("orders", { replsets: [replset({ storageClassName: null })] })], message: /keeps its data outside a PersistentVolumeClaim/ },
    ],
    unknown: [
        { name: "the selection's tags not known yet", resources: [perconaCluster("orders"), tagged, selection("later", { selectionTags: unknown })] },
    ],
});
