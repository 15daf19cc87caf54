/**
 * AWS Backup for the data volumes: a vault encrypted with the backup CMK (FSBP Backup.1), a daily plan
 * whose retention follows the environment, a selection of every EBS volume carrying the backup tag,
 * Vault Lock in prod so recovery points cannot be deleted early, and an optional copy of every recovery
 * point into a vault in another region under a key of its own.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BackupSettings } from "../settings/data";
import { AwsContext, withAwsContext } from "./aws-context";
import type { VolumeTag } from "./ebs-storage";
import { managedPolicyArn } from "./iam-documents";
import { keyPolicy } from "./kms-policy";

/** Days within which a compliance-mode lock can still be removed; after that it is permanent. */
export const VAULT_LOCK_GRACE_DAYS = 3;
/** Hours AWS Backup may wait to start a job, and to finish it. */
export const BACKUP_START_WINDOW_MINUTES = 60;
export const BACKUP_COMPLETION_WINDOW_MINUTES = 24 * 60;

export const BACKUP_ROLE_POLICIES = [
    "service-role/AWSBackupServiceRolePolicyForBackup",
    "service-role/AWSBackupServiceRolePolicyForRestores",
] as const;

export interface BackupPlanArgs {
    readonly context: AwsContext;
    /** Vault, plan and role names are built from it (letters, digits, '-' and '_'). */
    readonly namePrefix: string;
    /** The customer-managed key recovery points are encrypted with. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Volumes with this tag are backed up. */
    readonly volumeTag: VolumeTag;
    readonly settings: BackupSettings;
    /** Principals allowed to change the copy region's key policy (see KmsKeysArgs.keyAdmins). */
    readonly keyAdmins: readonly string[];
    /** KMS deletion window of the copy region's key. @default 30 */
    readonly kmsDeletionWindowDays?: number;
    /** Keep the vaults and the copy key from `pulumi destroy` (prod). @default false */
    readonly protect?: boolean;
}

/** The plan's one rule: daily at `schedule`, kept `retentionDays`, copied when a copy vault exists. */
export function backupRule(vaultName: pulumi.Input<string>, settings: BackupSettings, copyVaultArn?: pulumi.Input<string>): aws.types.input.backup.PlanRule {
    const lifecycle = { deleteAfter: settings.retentionDays };
    return {
        ruleName: "daily",
        targetVaultName: vaultName,
        schedule: settings.schedule,
        startWindow: BACKUP_START_WINDOW_MINUTES,
        completionWindow: BACKUP_COMPLETION_WINDOW_MINUTES,
        lifecycle,
        ...(copyVaultArn ? { copyActions: [{ destinationVaultArn: copyVaultArn, lifecycle }] } : {}),
    };
}

export class BackupPlan extends pulumi.ComponentResource {
    readonly vault: aws.backup.Vault;
    readonly plan: aws.backup.Plan;
    readonly selection: aws.backup.Selection;
    readonly copyVault?: aws.backup.Vault;

    constructor(name: string, args: BackupPlanArgs, opts?: pulumi.ComponentResourceOptions) {
        if (!/^[A-Za-z0-9_-]{1,40}$/.test(args.namePrefix)) {
            throw new Error(`BackupPlan: namePrefix ${JSON.stringify(args.namePrefix)} must be 1 to 40 letters, digits, '-' or '_'`);
        }
        super("secure-platform:aws:BackupPlan", name, {}, opts);
        const { settings } = args;
        const parent = { parent: this };
        const kept = { parent: this, protect: args.protect };

        this.vault = new aws.backup.Vault(name, {
            name: args.namePrefix,
            kmsKeyArn: args.kmsKeyArn,
            forceDestroy: false,
        }, kept);
        const locks: pulumi.Resource[] = [];
        if (settings.vaultLock !== "none") {
            locks.push(new aws.backup.VaultLockConfiguration(name, {
                backupVaultName: this.vault.name,
                minRetentionDays: settings.retentionDays,
                // Compliance mode becomes permanent after the grace period; governance mode has none.
                ...(settings.vaultLock === "compliance" ? { changeableForDays: VAULT_LOCK_GRACE_DAYS } : {}),
            }, kept));
        }

        if (settings.copyRegion) {
            const copyRegion = settings.copyRegion;
            const copyKey = new aws.kms.Key(`${name}-copy`, {
                region: copyRegion,
                description: `${args.namePrefix}: AWS Backup copies in ${copyRegion}`,
                keyUsage: "ENCRYPT_DECRYPT",
                customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                enableKeyRotation: true,
                deletionWindowInDays: args.kmsDeletionWindowDays ?? 30,
                policy: withAwsContext(args.context, (c) => JSON.stringify(keyPolicy("backup", { ...c, region: copyRegion }, { keyAdmins: args.keyAdmins }))),
                bypassPolicyLockoutSafetyCheck: false,
                tags: { Name: `${args.namePrefix}-backup-copy`, Purpose: "backup" },
            }, kept);
            this.copyVault = new aws.backup.Vault(`${name}-copy`, {
                region: copyRegion,
                name: `${args.namePrefix}-copy`,
                kmsKeyArn: copyKey.arn,
                forceDestroy: false,
            }, kept);
            if (settings.vaultLock !== "none") {
                locks.push(new aws.backup.VaultLockConfiguration(`${name}-copy`, {
                    region: copyRegion,
                    backupVaultName: this.copyVault.name,
                    minRetentionDays: settings.retentionDays,
                    ...(settings.vaultLock === "compliance" ? { changeableForDays: VAULT_LOCK_GRACE_DAYS } : {}),
                }, kept));
            }
        }

        this.plan = new aws.backup.Plan(name, {
            name: args.namePrefix,
            rules: [backupRule(this.vault.name, settings, this.copyVault?.arn)],
        }, { parent: this, dependsOn: locks });

        const role = new aws.iam.Role(`${name}-role`, {
            description: `AWS Backup: ${args.namePrefix}`,
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
        }, parent);
        const attachments = BACKUP_ROLE_POLICIES.map((policy) => new aws.iam.RolePolicyAttachment(`${name}-${policy.split("/").pop()}`, {
            role: role.name,
            policyArn: withAwsContext(args.context, (c) => managedPolicyArn(c, policy)),
        }, parent));

        this.selection = new aws.backup.Selection(name, {
            name: `${args.namePrefix}-volumes`,
            planId: this.plan.id,
            iamRoleArn: role.arn,
            selectionTags: [{ type: "STRINGEQUALS", key: args.volumeTag.key, value: args.volumeTag.value }],
        }, { parent: this, dependsOn: attachments });

        this.registerOutputs({ vaultArn: this.vault.arn, planId: this.plan.id });
    }
}
