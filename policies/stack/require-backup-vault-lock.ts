import { ENVIRONMENT_SCOPE_CONFIG, EnvironmentScope, inScope } from "../lib/environment";
import { defineStackRule } from "../lib/rule";
import { ofType, refersTo } from "../lib/values";

export default defineStackRule<EnvironmentScope & { minRetentionDays: number }>({
    name: "require-backup-vault-lock",
    description: "In production every AWS Backup vault must be locked (Vault Lock), so no one, including an administrator or an attacker with their credentials, can delete recovery points before their minimum retention.",
    severity: "high",
    controls: ["AWS Config backup-recovery-point-manual-deletion-disabled", "FSBP KMS.3"],
    remediation: "Add an aws.backup.VaultLockConfiguration with `backupVaultName` set to the vault and `minRetentionDays` of at least the minimum (with `changeableForDays` for compliance mode).",
    config: {
        ...ENVIRONMENT_SCOPE_CONFIG,
        minRetentionDays: { type: "integer", default: 7, minimum: 1, description: "Smallest minRetentionDays a lock may have." },
    },
    validate(resources, { config }, report) {
        if (!inScope(config).applies) {
            return;
        }
        const locks = ofType(resources, "aws:backup/vaultLockConfiguration:VaultLockConfiguration");
        for (const vault of ofType(resources, "aws:backup/vault:Vault")) {
            const own = locks.filter((lock) => refersTo(lock, "backupVaultName", vault, "name"));
            if (own.length === 0) {
                report(vault, `Backup vault ${vault.name} has no Vault Lock: its recovery points can be deleted at any time.`);
            } else if (!own.some((lock) => Number(lock.props.minRetentionDays) >= config.minRetentionDays)) {
                report(vault, `Backup vault ${vault.name} is locked with minRetentionDays ${own.map((l) => l.props.minRetentionDays ?? "not set").join(", ")}; at least ${config.minRetentionDays} is required.`);
            }
        }
    },
});
