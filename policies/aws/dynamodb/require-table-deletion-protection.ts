import { ENVIRONMENT_SCOPE_CONFIG, EnvironmentScope, inScope } from "../../lib/environment";
import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

const REPLICA = "aws:dynamodb/tableReplica:TableReplica";

export default defineResourceRule<EnvironmentScope>({
    name: "require-table-deletion-protection",
    description: "Production DynamoDB tables and their global-table replicas must have deletion protection on.",
    severity: "medium",
    controls: ["FSBP DynamoDB.6"],
    remediation: "Set `deletionProtectionEnabled: true` on the aws.dynamodb.Table, on each of its `replicas` and on each aws.dynamodb.TableReplica of production stacks (turn it off in a separate update before deleting a table on purpose).",
    config: ENVIRONMENT_SCOPE_CONFIG,
    resourceTypes: ["aws:dynamodb/table:Table", REPLICA],
    validate(props, { type, config }, report) {
        const scope = inScope(config);
        if (!scope.applies) {
            return;
        }
        const where = scope.environment ?? "a stack without an environment (treated as production)";
        if (props.deletionProtectionEnabled !== true) {
            report(`deletionProtectionEnabled is not true (the default is false) in ${where}: one DeleteTable call, or a replacement Pulumi plans, deletes the ${type === REPLICA ? "replica" : "table"} and its data; expected deletionProtectionEnabled: true.`);
        }
        if (type !== REPLICA) {
            for (const replica of list(props.replicas)) {
                if (replica.deletionProtectionEnabled !== true) {
                    report(`The replica in ${String(replica.regionName)} has no deletion protection in ${where}; expected replicas[].deletionProtectionEnabled: true.`);
                }
            }
        }
    },
});
