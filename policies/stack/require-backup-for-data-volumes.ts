import { PERCONA_MONGODB_TYPES, replicaSets, storageClassOf } from "../lib/percona";
import type { PolicyResource } from "../lib/policy-api";
import { defineStackRule } from "../lib/rule";
import { list, ofType } from "../lib/values";

const EBS_PROVISIONERS = ["ebs.csi.aws.com", "kubernetes.io/aws-ebs"];

/** The `key=value` tags an EBS StorageClass puts on its volumes (`tagSpecification_<n>` parameters). */
export function volumeTags(storageClass: PolicyResource): Array<[string, string]> {
    return Object.entries(storageClass.props.parameters ?? {})
        .filter(([key, value]) => /^tagSpecification_\d+$/.test(key) && typeof value === "string" && value.includes("="))
        .map(([, value]) => {
            const text = value as string;
            const at = text.indexOf("=");
            return [text.slice(0, at), text.slice(at + 1)];
        });
}

/** Whether an AWS Backup selection picks up EBS volumes carrying one of `tags`. */
export function selectsTaggedVolumes(selection: PolicyResource, tags: ReadonlyArray<[string, string]>): boolean {
    const matches = (key: string, value: string) => tags.some(([k, v]) => k === key && v === value);
    if (list(selection.props.resources).some((arn) => String(arn) === "*" || /^arn:[^:]+:ec2:[^:]*:[^:]*:volume\/\*$/.test(String(arn)))) {
        return true;
    }
    if (list(selection.props.selectionTags).some((t) => String(t.type).toUpperCase() === "STRINGEQUALS" && matches(t.key, t.value))) {
        return true;
    }
    return list(selection.props.conditions).some((condition) => list(condition.stringEquals).some((c) =>
        typeof c.key === "string" && c.key.startsWith("aws:ResourceTag/") && matches(c.key.slice("aws:ResourceTag/".length), c.value)));
}

export default defineStackRule<{ externallyBackedUpStorageClasses: string[] }>({
    name: "require-backup-for-data-volumes",
    description: "Every volume of a Percona MongoDB cluster must be covered by a backup: an AWS Backup selection matching the tags its EBS StorageClass puts on volumes, or a snapshot schedule in its namespace.",
    severity: "high",
    controls: ["FSBP EC2.28"],
    remediation: "Give the database's StorageClass a `tagSpecification_1: \"<key>=<value>\"` parameter and an aws.backup.Selection with `selectionTags: [{type: \"STRINGEQUALS\", key, value}]`, or add a snapscheduler SnapshotSchedule in the database's namespace; list classes backed up outside the stack in externallyBackedUpStorageClasses.",
    config: {
        externallyBackedUpStorageClasses: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "StorageClasses whose volumes are backed up by something outside this stack.",
        },
    },
    validate(resources, { config }, report) {
        const selections = ofType(resources, "aws:backup/selection:Selection");
        const schedules = resources.filter((r) => r.type.startsWith("kubernetes:snapscheduler.backube/") && r.type.endsWith(":SnapshotSchedule"));
        const classes = ofType(resources, "kubernetes:storage.k8s.io/v1:StorageClass");
        for (const database of PERCONA_MONGODB_TYPES.flatMap((type) => ofType(resources, type))) {
            const namespace = database.props.metadata?.namespace ?? "default";
            const scheduled = schedules.some((s) => (s.props.metadata?.namespace ?? "default") === namespace && s.props.spec?.disabled !== true);
            for (const replset of replicaSets(database.props)) {
                const where = `${database.name} replica set ${replset.name ?? "(unnamed)"}`;
                const className = storageClassOf(replset);
                if (className === undefined) {
                    report(database, `${where} keeps its data outside a PersistentVolumeClaim (no volumeSpec.persistentVolumeClaim): it cannot be backed up or survive a node.`);
                    continue;
                }
                if (scheduled || config.externallyBackedUpStorageClasses.includes(className)) {
                    continue;
                }
                const storageClass = classes.find((c) => c.props.metadata?.name === className);
                if (!storageClass) {
                    report(database, `${where} uses StorageClass ${className}, which this stack does not declare: its backup cannot be shown.`);
                } else if (!EBS_PROVISIONERS.includes(storageClass.props.provisioner)) {
                    report(database, `${where} uses StorageClass ${className} (${storageClass.props.provisioner}) and no SnapshotSchedule covers namespace ${namespace}.`);
                } else {
                    const tags = volumeTags(storageClass);
                    if (selections.some((selection) => selectsTaggedVolumes(selection, tags))) {
                        continue;
                    }
                    if (tags.length === 0) {
                        report(database, `${where}: StorageClass ${className} puts no tag on its volumes (tagSpecification_N), so no tag-based backup selection can match them.`);
                    } else {
                        report(database, `${where}: no AWS Backup selection matches the volume tags of StorageClass ${className} (${tags.map(([k, v]) => `${k}=${v}`).join(", ")}).`);
                    }
                }
            }
        }
    },
});
