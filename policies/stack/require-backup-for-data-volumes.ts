import { claimLabelsOf, PERCONA_MONGODB_TYPES, replicaSets, storageClassOf } from "../lib/percona";
import type { PolicyResource } from "../lib/policy-api";
import { defineStackRule, type Props } from "../lib/rule";
import { declaredVolumeTags, EBS_DRIVER_TAG, isEbsProvisioner, STORAGE_CLASS_TYPE } from "../lib/storage-class";
import { groupBy, list, ofType } from "../lib/values";

type Tag = readonly [string, string];

const RESOURCE_TAG = "aws:ResourceTag/";

/** `*` and `?` as AWS Backup's StringLike reads them. */
function like(pattern: string, value: string): boolean {
    const source = pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
    return new RegExp(`^${source}$`).test(value);
}

/** Whether an ARN pattern in a selection's `resources` / `notResources` takes in every EBS volume. */
function everyVolume(arn: unknown): boolean {
    return arn === "*" || /^arn:[^:]+:ec2:[^:]*:[^:]*:volume\/\*$/.test(String(arn));
}

/** Whether one condition list holds for a volume with `tags`; a key other than a resource tag cannot be shown to hold. */
function holds(entries: Props[], tags: readonly Tag[], test: (value: string | undefined, expected: string) => boolean): boolean {
    return entries.every((entry) => typeof entry.key === "string" && entry.key.startsWith(RESOURCE_TAG)
        && test(tags.find(([k]) => k === entry.key.slice(RESOURCE_TAG.length))?.[1], String(entry.value)));
}

/**
 * Whether an AWS Backup selection takes in EBS volumes carrying `tags`. As AWS Backup combines them,
 * `resources` and `selectionTags` add resources, every one of `conditions` must hold, and
 * `notResources` takes resources out (a selection naming none of the first three takes in everything).
 */
export function selectsVolumes(selection: PolicyResource, tags: readonly Tag[]): boolean {
    const { props } = selection;
    if (list(props.notResources).some(everyVolume)) {
        return false;
    }
    const resources = list(props.resources);
    const selectionTags = list(props.selectionTags);
    const conditions = list(props.conditions);
    const added = resources.some(everyVolume)
        || selectionTags.some((t) => String(t.type).toUpperCase() === "STRINGEQUALS" && tags.some(([k, v]) => k === t.key && v === t.value))
        || (resources.length === 0 && selectionTags.length === 0);
    return added && conditions.every((condition) =>
        holds(list(condition.stringEquals), tags, (value, expected) => value === expected)
        && holds(list(condition.stringNotEquals), tags, (value, expected) => value !== expected)
        && holds(list(condition.stringLikes), tags, (value, expected) => value !== undefined && like(expected, value))
        && holds(list(condition.stringNotLikes), tags, (value, expected) => value === undefined || !like(expected, value)));
}

/** Whether a snapscheduler schedule in the claims' namespace takes in claims carrying `labels`. */
function schedulesClaims(schedule: PolicyResource, labels: Record<string, string>): boolean {
    const spec = schedule.props.spec ?? {};
    if (spec.disabled === true) {
        return false;
    }
    const selector = spec.claimSelector ?? {};
    // Only labels the resource gives its claims are known; expressions cannot be shown to match.
    return list(selector.matchExpressions).length === 0
        && Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

export default defineStackRule<{ externallyBackedUpStorageClasses: string[] }>({
    name: "require-backup-for-data-volumes",
    description: "Every volume of a Percona MongoDB cluster must be covered by a backup: an AWS Backup selection that takes in the EBS volumes of its StorageClass (by tag or by ARN), or a snapscheduler SnapshotSchedule in its namespace whose claim selector takes in its claims.",
    severity: "high",
    controls: ["FSBP EC2.28", "AWS Config ebs-in-backup-plan"],
    remediation: "Give the database's StorageClass a `tagSpecification_1: \"<key>=<value>\"` parameter and an aws.backup.Selection with `selectionTags: [{type: \"STRINGEQUALS\", key, value}]`, or add a snapscheduler SnapshotSchedule in the database's namespace (no `claimSelector`, or one matching `volumeSpec.persistentVolumeClaim.labels`); list classes backed up outside the stack in externallyBackedUpStorageClasses.",
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
        // Indexed on first use, and each answer remembered, so many databases cost one pass over the stack.
        let schedulesIn: Map<unknown, PolicyResource[]> | undefined;
        const isScheduled = (namespace: unknown, labels: Record<string, string>) => {
            schedulesIn ??= groupBy(schedules, (s) => s.props.metadata?.namespace ?? "default");
            return (schedulesIn.get(namespace) ?? []).some((s) => schedulesClaims(s, labels));
        };
        let classes: Map<unknown, PolicyResource> | undefined;
        const classNamed = (name: string) => {
            // The first class of a name wins, as a search in stack order would.
            classes ??= new Map(ofType(resources, STORAGE_CLASS_TYPE).reverse().map((c) => [c.props.metadata?.name, c]));
            return classes.get(name);
        };
        const selected = new Map<PolicyResource, boolean>();
        for (const database of PERCONA_MONGODB_TYPES.flatMap((type) => ofType(resources, type))) {
            const namespace = database.props.metadata?.namespace ?? "default";
            for (const replset of replicaSets(database.props)) {
                const where = `${database.name} replica set ${replset.name ?? "(unnamed)"}`;
                const className = storageClassOf(replset);
                if (className === undefined) {
                    report(database, `${where} keeps its data outside a PersistentVolumeClaim (no volumeSpec.persistentVolumeClaim): it cannot be backed up or survive a node.`);
                    continue;
                }
                if (config.externallyBackedUpStorageClasses.includes(className) || isScheduled(namespace, claimLabelsOf(replset))) {
                    continue;
                }
                const storageClass = classNamed(className);
                if (!storageClass) {
                    report(database, `${where} uses StorageClass ${className}, which this stack does not declare: its backup cannot be shown.`);
                } else if (!isEbsProvisioner(storageClass.props.provisioner)) {
                    report(database, `${where} uses StorageClass ${className} (${storageClass.props.provisioner}) and no enabled SnapshotSchedule in namespace ${namespace} selects its claims.`);
                } else {
                    const declared = declaredVolumeTags(storageClass.props.parameters);
                    const tags = [...declared, EBS_DRIVER_TAG];
                    if (!selected.has(storageClass)) {
                        selected.set(storageClass, selections.some((selection) => selectsVolumes(selection, tags)));
                    }
                    if (!selected.get(storageClass)) {
                        const tagged = declared.length > 0 ? "" : "; the class declares no tagSpecification parameter to select them by";
                        report(database, `${where}: no AWS Backup selection takes in the volumes of StorageClass ${className} (tags ${tags.map(([k, v]) => `${k}=${v}`).join(", ")}${tagged}), and no SnapshotSchedule in namespace ${namespace} selects its claims.`);
                    }
                }
            }
        }
    },
});
