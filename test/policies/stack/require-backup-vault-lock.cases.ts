import { resource, ruleCases, unknown } from "../../harness/policy-cases";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8";
const vault = (name: string) => resource("aws:backup/vault:Vault", name, { name, kmsKeyArn: KEY });
/** A Vault Lock; compliance mode unless `changeableForDays` is null (governance mode). */
const lock = (target: ReturnType<typeof vault>, minRetentionDays: unknown, changeableForDays: unknown = 3) =>
    resource("aws:backup/vaultLockConfiguration:VaultLockConfiguration", `${target.name}-lock`, {
        backupVaultName: target.name,
        minRetentionDays: minRetentionDays as number,
        ...(changeableForDays === null ? {} : { changeableForDays: changeableForDays as number }),
    }, { from: { backupVaultName: [target] } });
const airGapped = (name: string, minRetentionDays: unknown) =>
    resource("aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault", name, { name, minRetentionDays: minRetentionDays as number, maxRetentionDays: 365, encryptionKeyArn: KEY });
const daily = vault("daily");
const copies = vault("copies");

export default ruleCases("require-backup-vault-lock", {
    compliant: [
        { name: "every vault locked in compliance mode for 35 days", resources: [daily, lock(daily, 35), copies, lock(copies, 35)] },
        { name: "a logically air-gapped vault keeping 35 days", resources: [airGapped("isolated", 35)] },
        { name: "a lock of 3 days where the team accepts it", resources: [daily, lock(daily, 3)], config: { "require-backup-vault-lock": { minRetentionDays: 1 } } },
        { name: "a governance-mode lock where the team accepts it", resources: [daily, lock(daily, 35, null)], config: { "require-backup-vault-lock": { requireComplianceMode: false } } },
    ],
    violating: [
        { name: "a vault without a lock", resources: [daily], message: /Backup vault daily has no Vault Lock/ },
        { name: "the second vault unlocked", resources: [daily, lock(daily, 35), copies], message: /Backup vault copies has no Vault Lock/ },
        { name: "a lock with a 1-day minimum", resources: [daily, lock(daily, 1)], message: /locked with minRetentionDays 1; at least 7 is required/ },
        { name: "a lock in governance mode", resources: [daily, lock(daily, 35, null)], message: /Backup vault daily is locked in governance mode \(no changeableForDays\)/ },
        { name: "a logically air-gapped vault keeping a single day", resources: [airGapped("isolated", 1)], message: /Logically air-gapped vault isolated keeps recovery points for a minimum of 1 days; at least 7 is required/ },
    ],
    unknown: [
        { name: "minimum retention not known yet", resources: [daily, lock(daily, unknown)] },
        { name: "lock mode not known yet", resources: [daily, lock(daily, 35, unknown)] },
    ],
});
