import type { PolicyResource } from "../../lib/policy-api";
import { defineStackRule } from "../../lib/rule";
import { list, ofType, referrers } from "../../lib/values";

const FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";

/** Whether an ARN pattern in a selection's `resources` takes in every EFS file system. */
function everyFileSystem(arn: unknown): boolean {
    return arn === "*" || /^arn:[^:]+:elasticfilesystem:[^:]*:[^:]*:file-system\/\*$/.test(String(arn));
}

/**
 * What the stack's AWS Backup selections take in, read once: the file systems they name by reference or
 * ARN, whether one takes in every file system, and the tags they select by.
 */
function selected(selections: readonly PolicyResource[]) {
    const byReference = new Set<PolicyResource>();
    const byArn = new Set<string>();
    const byTag = new Set<string>();
    let everything = false;
    for (const selection of selections) {
        if (list(selection.props.notResources).some(everyFileSystem)) {
            continue;
        }
        (selection.propertyDependencies.resources ?? []).forEach((target) => byReference.add(target));
        const resources = list(selection.props.resources);
        const tags = list(selection.props.selectionTags);
        for (const arn of resources) {
            if (everyFileSystem(arn)) {
                everything = true;
            } else if (typeof arn === "string") {
                byArn.add(arn);
            }
        }
        for (const tag of tags) {
            if (String(tag.type).toUpperCase() === "STRINGEQUALS") {
                byTag.add(`${String(tag.key)}=${String(tag.value)}`);
            }
        }
    }
    return { byReference, byArn, byTag, everything };
}

export default defineStackRule({
    name: "require-efs-backups",
    description: "Every EFS file system must be backed up: automatic backups on (its backup policy ENABLED) or taken in by an AWS Backup selection of the stack.",
    severity: "medium",
    controls: ["FSBP EFS.7", "FSBP EFS.2"],
    remediation: "Add an aws.efs.BackupPolicy with `fileSystemId` set to the file system and `backupPolicy: { status: \"ENABLED\" }` (EFS's daily backups into the aws/efs/automatic-backup-vault), or an aws.backup.Selection whose `resources` lists the file system's ARN or whose `selectionTags` match its tags.",
    validate(resources, _context, report) {
        const fileSystems = ofType(resources, FILE_SYSTEM);
        if (fileSystems.length === 0) {
            return;
        }
        const policiesOf = referrers(ofType(resources, "aws:efs/backupPolicy:BackupPolicy"), "fileSystemId");
        const selections = selected(ofType(resources, "aws:backup/selection:Selection"));
        for (const fileSystem of fileSystems) {
            const policies = policiesOf(fileSystem);
            if (policies.some((p) => String(p.props.backupPolicy?.status).toUpperCase() === "ENABLED")) {
                continue;
            }
            // Read the file system's ARN and tags only when a selection names ARNs or tags: a new file system's ARN is not known during a preview.
            const inSelection = selections.everything || selections.byReference.has(fileSystem)
                || (selections.byArn.size > 0 && selections.byArn.has(fileSystem.props.arn))
                || (selections.byTag.size > 0 && Object.entries(fileSystem.props.tags ?? {}).some(([key, value]) => selections.byTag.has(`${key}=${String(value)}`)));
            if (!inSelection) {
                const policy = policies.length > 0 ? `its backup policy is ${policies.map((p) => p.props.backupPolicy?.status).join(", ")}` : "it has no backup policy";
                report(fileSystem, `File system ${fileSystem.name} is never backed up: ${policy} and no AWS Backup selection of the stack takes it in; expected a backup policy ENABLED or a backup selection naming it.`);
            }
        }
    },
});
