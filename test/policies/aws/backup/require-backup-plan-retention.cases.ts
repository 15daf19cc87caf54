import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const plan = (name: string, rules: unknown[]) => resource("aws:backup/plan:Plan", name, { name, rules: rules as never });
const rule = (deleteAfter: unknown, copies: unknown[] = []) => ({
    ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 3 ? * * *)",
    ...(deleteAfter === undefined ? {} : { lifecycle: { deleteAfter } }),
    ...(copies.length > 0 ? { copyActions: copies } : {}),
});
const copy = (deleteAfter: number) => ({ destinationVaultArn: "arn:aws:backup:eu-central-1:111122223333:backup-vault:dr", lifecycle: { deleteAfter } });

export default ruleCases("require-backup-plan-retention", {
    compliant: [
        { name: "35 days, copies kept as long", resources: [plan("daily", [rule(35, [copy(35)])])] },
        { name: "recovery points kept until deleted", resources: [plan("forever", [rule(undefined)])] },
        { name: "3 days where the team accepts it", resources: [plan("scratch", [rule(3)])], config: { "require-backup-plan-retention": { minRetentionDays: 1 } } },
    ],
    violating: [
        { name: "a rule keeping a single day", resources: [plan("daily", [rule(1)])], message: /Rule daily deletes recovery points after 1 days; at least 7 are required/ },
        { name: "copies kept shorter than allowed", resources: [plan("daily", [rule(35, [copy(2)])])], message: /deletes its copies in arn:aws:backup:eu-central-1:111122223333:backup-vault:dr after 2 days/ },
        { name: "30 days where the team wants 90", resources: [plan("daily", [rule(30)])], config: { "require-backup-plan-retention": { minRetentionDays: 90 } }, message: /at least 90 are required/ },
    ],
    unknown: [
        { name: "retention not known yet", resources: [plan("later", [rule(unknown)])] },
    ],
});
