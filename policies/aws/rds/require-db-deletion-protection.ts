import { ENVIRONMENT_SCOPE_CONFIG, EnvironmentScope, inScope } from "../../lib/environment";
import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule<EnvironmentScope>({
    name: "require-db-deletion-protection",
    description: "Production RDS DB instances and Aurora and Multi-AZ DB clusters must have deletion protection on.",
    severity: "medium",
    controls: ["FSBP RDS.8", "FSBP RDS.7"],
    remediation: "Set `deletionProtection: true` on the aws.rds.Instance or aws.rds.Cluster of production stacks (turn it off in a separate update before deleting the database on purpose).",
    config: ENVIRONMENT_SCOPE_CONFIG,
    resourceTypes: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
    validate(props, { type, config }, report) {
        const scope = inScope(config);
        if (scope.applies && props.deletionProtection !== true) {
            const kind = type === "aws:rds/cluster:Cluster" ? "DB cluster" : "DB instance";
            report(`deletionProtection is ${props.deletionProtection === undefined ? "not set (the default is false)" : String(props.deletionProtection)} in ${scope.environment ?? "a stack without an environment (treated as production)"}: one API call, or a replacement Pulumi plans, deletes the ${kind}; expected deletionProtection: true.`);
        }
    },
});
