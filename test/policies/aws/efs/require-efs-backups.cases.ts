import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

type Resource = ReturnType<typeof resource>;

const fileSystem = (name: string, tags: Record<string, string> = {}) =>
    resource("aws:efs/fileSystem:FileSystem", name, { id: `fs-${name}`, arn: `arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-${name}`, encrypted: true, tags });
const backupPolicy = (name: string, target: Resource | string, status: unknown = "ENABLED") =>
    typeof target === "string"
        ? resource("aws:efs/backupPolicy:BackupPolicy", name, { fileSystemId: target, backupPolicy: { status } })
        : resource("aws:efs/backupPolicy:BackupPolicy", name, { fileSystemId: target.props.id, backupPolicy: { status } }, { from: { fileSystemId: [target] } });
const selection = (name: string, props: Record<string, unknown>, from: Resource[] = []) =>
    resource("aws:backup/selection:Selection", name, { name, planId: "plan-1", iamRoleArn: "arn:aws:iam::111122223333:role/backup", ...props }, from.length > 0 ? { from: { resources: from } } : {});

const shared = fileSystem("shared");
const other = fileSystem("other");

export default ruleCases("require-efs-backups", {
    compliant: [
        { name: "automatic backups enabled", resources: [shared, backupPolicy("shared", shared)] },
        { name: "automatic backups enabled, the file system named by id", resources: [shared, backupPolicy("shared", "fs-shared")] },
        { name: "a backup selection naming the file system", resources: [shared, selection("efs", { resources: [shared.props.arn] }, [shared])] },
        { name: "a backup selection naming the file system's ARN", resources: [shared, selection("efs", { resources: ["arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-shared"] })] },
        { name: "a backup selection of every file system", resources: [shared, selection("all-efs", { resources: ["arn:aws:elasticfilesystem:*:*:file-system/*"] })] },
        { name: "a backup selection by tag", resources: [fileSystem("tagged", { backup: "daily" }), selection("daily", { selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "daily" }] })] },
        { name: "no file system in the stack", resources: [backupPolicy("external", "fs-0123456789abcdef0", "DISABLED")] },
    ],
    violating: [
        { name: "no backup policy and no selection", resources: [shared], message: /File system shared is never backed up: it has no backup policy and no AWS Backup selection of the stack takes it in/ },
        { name: "automatic backups disabled", resources: [shared, backupPolicy("shared", shared, "DISABLED")], message: /its backup policy is DISABLED/ },
        { name: "the backup policy belongs to the other file system", resources: [shared, other, backupPolicy("other", other)], message: /File system shared is never backed up/ },
        { name: "a selection by a tag the file system does not carry", resources: [fileSystem("tagged", { backup: "weekly" }), selection("daily", { selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "daily" }] })], message: /File system tagged is never backed up/ },
        { name: "a selection that excludes every file system", resources: [shared, selection("not-efs", { resources: ["*"], notResources: ["arn:aws:elasticfilesystem:*:*:file-system/*"] })], message: /File system shared is never backed up/ },
    ],
    unknown: [
        { name: "the backup policy's status not known yet", resources: [shared, backupPolicy("shared", shared, unknown)] },
    ],
});
