import { ENVIRONMENT_SCOPE_CONFIG, EnvironmentScope, inScope } from "../lib/environment";
import type { PolicyResource } from "../lib/policy-api";
import { defineStackRule } from "../lib/rule";
import { ofType, referrers } from "../lib/values";

export default defineStackRule<EnvironmentScope & { minRetentionDays: number; requireComplianceMode: boolean }>({
    name: "require-backup-vault-lock",
    description: "In production every AWS Backup vault must be locked in compliance mode (Vault Lock), so no one, including an administrator or an attacker with their credentials, can delete recovery points before their minimum retention; logically air-gapped vaults, locked by design, must keep that minimum too.",
    severity: "high",
    controls: ["AWS Backup Audit Manager BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK"],
    remediation: "Add an aws.backup.VaultLockConfiguration with `backupVaultName` set to the vault, `minRetentionDays` of at least the minimum and `changeableForDays` (compliance mode); set `minRetentionDays` of an aws.backup.LogicallyAirGappedVault to at least the minimum.",
    config: {
        ...ENVIRONMENT_SCOPE_CONFIG,
        minRetentionDays: { type: "integer", default: 7, minimum: 1, description: "Smallest minRetentionDays a lock may have." },
        requireComplianceMode: {
            type: "boolean",
            default: true,
            description: "Require compliance mode (`changeableForDays` set): a governance-mode lock can be removed by anyone allowed backup:DeleteBackupVaultLockConfiguration.",
        },
    },
    validate(resources, { config }, report) {
        if (!inScope(config).applies) {
            return;
        }
        const locksOf = referrers(ofType(resources, "aws:backup/vaultLockConfiguration:VaultLockConfiguration"), "backupVaultName", "name");
        const longEnough = (resource: PolicyResource) => Number(resource.props.minRetentionDays) >= config.minRetentionDays;
        const compliance = (lock: PolicyResource) => !config.requireComplianceMode
            || (lock.props.changeableForDays !== undefined && lock.props.changeableForDays !== null);
        for (const vault of ofType(resources, "aws:backup/vault:Vault")) {
            const own = locksOf(vault);
            if (own.length === 0) {
                report(vault, `Backup vault ${vault.name} has no Vault Lock: its recovery points can be deleted at any time.`);
            } else if (!own.some(longEnough)) {
                report(vault, `Backup vault ${vault.name} is locked with minRetentionDays ${own.map((l) => l.props.minRetentionDays ?? "not set").join(", ")}; at least ${config.minRetentionDays} is required.`);
            } else if (!own.some((lock) => longEnough(lock) && compliance(lock))) {
                report(vault, `Backup vault ${vault.name} is locked in governance mode (no changeableForDays): anyone allowed to delete the lock can then delete its recovery points.`);
            }
        }
        for (const vault of ofType(resources, "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault")) {
            if (!longEnough(vault)) {
                report(vault, `Logically air-gapped vault ${vault.name} keeps recovery points for a minimum of ${vault.props.minRetentionDays ?? "(not set)"} days; at least ${config.minRetentionDays} is required.`);
            }
        }
    },
});
