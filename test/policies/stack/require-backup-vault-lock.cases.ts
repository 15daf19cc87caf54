import { resource, ruleCases, unknown } from "../../harness/policy-cases";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8";
const vault = (name: string) => resource("aws:backup/vault:Vault", name, { name, kmsKeyArn: KEY });
const lock = (target: ReturnType<typeof vault>, minRetentionDays: unknown) =>
    resource("aws:backup/vaultLockConfiguration:VaultLockConfiguration", `${target.name}-lock`, { backupVaultName: target.name, minRetentionDays: minRetentionDays as number, changeableForDays: 3 }, { from: { backupVaultName: [target] } });
const daily = vault("daily");
const copies = vault("copies");

export default ruleCases("require-backup-vault-lock", {
    compliant: [
        { name: "every vault locked for 35 days", resources: [daily, lock(daily, 35), copies, lock(copies, 35)] },
        { name: "a lock of 3 days where the team accepts it", resources: [daily, lock(daily, 3)], config: { "require-backup-vault-lock": { minRetentionDays: 1 } } },
    ],
    violating: [
        { name: "a vault without a lock", resources: [daily], message: /Backup vault daily has no Vault Lock/ },
        { name: "the second vault unlocked", resources: [daily, lock(daily, 35), copies], message: /Backup vault copies has no Vault Lock/ },
        { name: "a lock with a 1-day minimum", resources: [daily, lock(daily, 1)], message: /locked with minRetentionDays 1; at least 7 is required/ },
    ],
    unknown: [
        { name: "minimum retention not known yet", resources: [daily, lock(daily, unknown)] },
    ],
});
