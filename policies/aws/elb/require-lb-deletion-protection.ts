import { ENVIRONMENT_SCOPE_CONFIG, EnvironmentScope, inScope } from "../../lib/environment";
import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule<EnvironmentScope>({
    name: "require-lb-deletion-protection",
    description: "Production load balancers must have deletion protection on.",
    severity: "medium",
    controls: ["FSBP ELB.6"],
    remediation: "Set `enableDeletionProtection: true` on the aws.lb.LoadBalancer of production stacks.",
    config: ENVIRONMENT_SCOPE_CONFIG,
    resourceTypes: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    validate(props, { config }, report) {
        const scope = inScope(config);
        if (scope.applies && props.enableDeletionProtection !== true) {
            report(`enableDeletionProtection is not true in ${scope.environment ?? "a stack without an environment (treated as production)"}: one API call can take the platform offline.`);
        }
    },
});
