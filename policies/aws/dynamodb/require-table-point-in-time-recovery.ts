import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

const REPLICA = "aws:dynamodb/tableReplica:TableReplica";

export default defineResourceRule({
    name: "require-table-point-in-time-recovery",
    description: "DynamoDB tables and each of their global-table replicas must have point-in-time recovery on, so a table can be restored to any second of the recovery period.",
    severity: "medium",
    controls: ["FSBP DynamoDB.2"],
    remediation: "Set `pointInTimeRecovery: { enabled: true }` on the aws.dynamodb.Table, `pointInTimeRecovery: true` on each of its `replicas`, and `pointInTimeRecovery: true` on each aws.dynamodb.TableReplica.",
    resourceTypes: ["aws:dynamodb/table:Table", REPLICA],
    validate(props, { type }, report) {
        if (type === REPLICA) {
            if (props.pointInTimeRecovery !== true) {
                report("The table replica has no point-in-time recovery (pointInTimeRecovery defaults to false): its data can only be restored from on-demand backups; expected pointInTimeRecovery: true.");
            }
            return;
        }
        if (props.pointInTimeRecovery?.enabled !== true) {
            report("pointInTimeRecovery.enabled is not true (the default is false): a deleted or overwritten item can only be restored from on-demand backups; expected pointInTimeRecovery: { enabled: true }.");
        }
        for (const replica of list(props.replicas)) {
            if (replica.pointInTimeRecovery !== true) {
                report(`The replica in ${String(replica.regionName)} has no point-in-time recovery (replicas[].pointInTimeRecovery defaults to false); expected pointInTimeRecovery: true.`);
            }
        }
    },
});
