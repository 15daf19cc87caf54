import { resource, ruleCases, unknown } from "../../harness/policy-cases";
import { perconaCluster, replset, storageClass } from "../kubernetes/data/percona-fixtures";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8";
const tagged = storageClass("fast-encrypted", "ebs.csi.aws.com", { encrypted: "true", kmsKeyId: KEY, tagSpecification_1: "backup-tier=gold", tagSpecification_2: "team=orders" }, { reclaimPolicy: "Retain" });
const untagged = storageClass("fast-encrypted", "ebs.csi.aws.com", { encrypted: "true", kmsKeyId: KEY }, { reclaimPolicy: "Retain" });
const longhorn = storageClass("fast-encrypted", "driver.longhorn.io", { encrypted: "true" });
const selection = (name: string, props: Record<string, unknown>) => resource("aws:backup/selection:Selection", name, { iamRoleArn: "arn:aws:iam::111122223333:role/backup", planId: "plan-1", name, ...props });
const resourceTag = (key: string, value: string) => ({ key: `aws:ResourceTag/${key}`, value });
const schedule = (namespace: string, spec: Record<string, unknown> = {}) => resource("kubernetes:snapscheduler.backube/v1:SnapshotSchedule", `hourly-${namespace}`, {
    metadata: { name: "hourly", namespace },
    spec: { schedule: "0 * * * *", retention: { maxCount: 48 }, ...spec },
});
const labelledCluster = perconaCluster("orders", { replsets: [replset({ claimLabels: { "backup.example.com/schedule": "hourly" } })] });

export default ruleCases("require-backup-for-data-volumes", {
    compliant: [
        { name: "a selection by the class's volume tag", resources: [perconaCluster("orders"), tagged, selection("gold", { selectionTags: [{ type: "STRINGEQUALS", key: "backup-tier", value: "gold" }] })] },
        { name: "a selection by a resource-tag condition", resources: [perconaCluster("orders"), tagged, selection("team", { conditions: [{ stringEquals: [resourceTag("team", "orders")] }] })] },
        { name: "a selection of every EBS volume", resources: [perconaCluster("orders"), untagged, selection("all-volumes", { resources: ["arn:aws:ec2:*:*:volume/*"] })] },
        {
            name: "every EBS volume narrowed to the class's tags",
            resources: [perconaCluster("orders"), tagged, selection("gold-volumes", { resources: ["arn:aws:ec2:*:*:volume/*"], conditions: [{ stringEquals: [resourceTag("backup-tier", "gold"), resourceTag("team", "orders")], stringLikes: [resourceTag("team", "ord*")] }] })],
        },
        { name: "a selection by the tag the EBS CSI driver puts on every volume", resources: [perconaCluster("orders"), untagged, selection("csi", { conditions: [{ stringEquals: [resourceTag("ebs.csi.aws.com/cluster", "true")] }] })] },
        { name: "a snapshot schedule for every claim in the database's namespace", resources: [perconaCluster("orders"), longhorn, schedule("databases")] },
        { name: "a snapshot schedule selecting the labels the database gives its claims", resources: [labelledCluster, longhorn, schedule("databases", { claimSelector: { matchLabels: { "backup.example.com/schedule": "hourly" } } })] },
        { name: "a class backed up outside the stack", resources: [perconaCluster("orders")], config: { "require-backup-for-data-volumes": { externallyBackedUpStorageClasses: ["fast-encrypted"] } } },
    ],
    violating: [
        {
            name: "no backup selection at all",
            resources: [perconaCluster("orders"), tagged],
            message: /orders replica set rs0: no AWS Backup selection takes in the volumes of StorageClass fast-encrypted \(tags backup-tier=gold, team=orders, ebs.csi.aws.com\/cluster=true\)/,
        },
        { name: "a selection for another tag value", resources: [perconaCluster("orders"), tagged, selection("silver", { selectionTags: [{ type: "STRINGEQUALS", key: "backup-tier", value: "silver" }] })], message: /no AWS Backup selection takes in the volumes/ },
        { name: "a class that tags nothing", resources: [perconaCluster("orders"), untagged, selection("gold", { selectionTags: [{ type: "STRINGEQUALS", key: "backup-tier", value: "gold" }] })], message: /declares no tagSpecification parameter to select them by/ },
        {
            name: "every EBS volume narrowed by a condition the class's volumes do not meet",
            resources: [perconaCluster("orders"), tagged, selection("silver-volumes", { resources: ["arn:aws:ec2:*:*:volume/*"], conditions: [{ stringEquals: [resourceTag("backup-tier", "silver")] }] })],
            message: /no AWS Backup selection takes in the volumes/,
        },
        {
            name: "a tag condition on a selection of database instances only",
            resources: [perconaCluster("orders"), tagged, selection("rds", { resources: ["arn:aws:rds:*:*:db:*"], conditions: [{ stringEquals: [resourceTag("backup-tier", "gold")] }] })],
            message: /no AWS Backup selection takes in the volumes/,
        },
        {
            name: "every volume taken out again by notResources",
            resources: [perconaCluster("orders"), tagged, selection("no-volumes", { selectionTags: [{ type: "STRINGEQUALS", key: "backup-tier", value: "gold" }], notResources: ["arn:aws:ec2:*:*:volume/*"] })],
            message: /no AWS Backup selection takes in the volumes/,
        },
        { name: "a condition excluding the class's tag", resources: [perconaCluster("orders"), tagged, selection("not-orders", { conditions: [{ stringNotEquals: [resourceTag("team", "orders")] }] })], message: /no AWS Backup selection takes in the volumes/ },
        { name: "a class the stack does not declare", resources: [perconaCluster("orders", { replsets: [replset({ storageClassName: "somewhere-else" })] })], message: /uses StorageClass somewhere-else, which this stack does not declare/ },
        { name: "a non-EBS class with the schedule disabled", resources: [perconaCluster("orders"), longhorn, schedule("databases", { disabled: true })], message: /no enabled SnapshotSchedule in namespace databases selects its claims/ },
        { name: "a schedule in another namespace", resources: [perconaCluster("orders"), longhorn, schedule("other")], message: /no enabled SnapshotSchedule in namespace databases/ },
        { name: "a schedule selecting labels the database's claims do not carry", resources: [labelledCluster, longhorn, schedule("databases", { claimSelector: { matchLabels: { "backup.example.com/schedule": "daily" } } })], message: /no enabled SnapshotSchedule in namespace databases/ },
        { name: "data kept outside a volume claim", resources: [perconaCluster("orders", { replsets: [replset({ storageClassName: null })] })], message: /keeps its data outside a PersistentVolumeClaim/ },
    ],
    unknown: [
        { name: "the selection's tags not known yet", resources: [perconaCluster("orders"), tagged, selection("later", { selectionTags: unknown })] },
        { name: "the schedule's claim selector not known yet", resources: [perconaCluster("orders"), longhorn, schedule("databases", { claimSelector: unknown })] },
    ],
});
