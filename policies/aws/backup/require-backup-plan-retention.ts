import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

export default defineResourceRule<{ minRetentionDays: number }>({
    name: "require-backup-plan-retention",
    description: "Every rule of an AWS Backup plan, and every copy it makes, must keep recovery points for at least the minimum retention; a rule that keeps them forever is accepted.",
    severity: "medium",
    controls: ["AWS Config backup-plan-min-frequency-and-min-retention-check"],
    remediation: "Set `lifecycle.deleteAfter` of each plan rule (and of each `copyActions[].lifecycle`) to at least the minimum retention in days, or leave it unset to keep recovery points until deleted.",
    config: {
        minRetentionDays: { type: "integer", default: 7, minimum: 1, description: "Shortest retention accepted, in days." },
    },
    resourceTypes: ["aws:backup/plan:Plan"],
    validate(props, { config }, report) {
        const short = (lifecycle: { deleteAfter?: unknown } | undefined) =>
            lifecycle?.deleteAfter !== undefined && lifecycle.deleteAfter !== null && !(Number(lifecycle.deleteAfter) >= config.minRetentionDays);
        for (const rule of list(props.rules)) {
            const name = rule.ruleName ?? "(unnamed)";
            if (short(rule.lifecycle)) {
                report(`Rule ${name} deletes recovery points after ${rule.lifecycle.deleteAfter} days; at least ${config.minRetentionDays} are required.`);
            }
            for (const copy of list(rule.copyActions)) {
                if (short(copy.lifecycle)) {
                    report(`Rule ${name} deletes its copies in ${copy.destinationVaultArn ?? "another vault"} after ${copy.lifecycle.deleteAfter} days; at least ${config.minRetentionDays} are required.`);
                }
            }
        }
    },
});
