import { defineResourceRule } from "../../lib/rule";

const CLUSTER = "aws:rds/cluster:Cluster";

export default defineResourceRule<{ minRetentionDays: number }>({
    name: "require-db-backup-retention",
    description: "RDS DB instances and Aurora and Multi-AZ DB clusters must keep automated backups for at least the minimum retention period (read replicas are exempt, as in FSBP RDS.11).",
    severity: "medium",
    controls: ["FSBP RDS.11"],
    remediation: "Set `backupRetentionPeriod` on the aws.rds.Instance or aws.rds.Cluster to at least the minimum (7 days by default, up to 35).",
    config: {
        minRetentionDays: {
            type: "integer",
            minimum: 1,
            maximum: 35,
            default: 7,
            description: "Fewest days of automated backups (FSBP RDS.11's backupRetentionMinimum defaults to 7).",
        },
    },
    resourceTypes: ["aws:rds/instance:Instance", CLUSTER],
    validate(props, { type, config }, report) {
        if (type !== CLUSTER && typeof props.replicateSourceDb === "string" && props.replicateSourceDb !== "") {
            return;
        }
        const days = props.backupRetentionPeriod;
        if (typeof days !== "number" || days < config.minRetentionDays) {
            const found = days === undefined
                ? `not set (the default is ${type === CLUSTER ? "1 day" : "0: no automated backups"})`
                : `${String(days)}${days === 0 ? " (automated backups off)" : ""}`;
            report(`backupRetentionPeriod is ${found}: a point-in-time restore reaches back less than ${config.minRetentionDays} days; expected at least ${config.minRetentionDays}.`);
        }
    },
});
