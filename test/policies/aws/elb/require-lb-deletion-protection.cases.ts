import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const lb = (name: string, props: Record<string, unknown>, type = "aws:lb/loadBalancer:LoadBalancer") =>
    resource(type, name, { name, internal: false, subnets: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"], ...props });

export default ruleCases("require-lb-deletion-protection", {
    compliant: [
        { name: "an ALB with deletion protection", resources: [lb("web", { loadBalancerType: "application", enableDeletionProtection: true })] },
        { name: "an aws.alb network load balancer with deletion protection", resources: [lb("tcp", { loadBalancerType: "network", enableDeletionProtection: true }, "aws:alb/loadBalancer:LoadBalancer")] },
    ],
    violating: [
        {
            name: "deletion protection not set in a stack without an environment",
            resources: [lb("web", { loadBalancerType: "application" })],
            message: /enableDeletionProtection is not true in a stack without an environment \(treated as production\)/,
        },
        { name: "deletion protection off", resources: [lb("api", { enableDeletionProtection: false }, "aws:alb/loadBalancer:LoadBalancer")], message: /enableDeletionProtection is not true/ },
        {
            name: "deletion protection off where the team also enforces staging",
            resources: [lb("staging", { loadBalancerType: "network", enableDeletionProtection: false })],
            config: { "require-lb-deletion-protection": { enforcedEnvironments: ["prod", "staging"] } },
            message: /treated as production/,
        },
    ],
    unknown: [
        { name: "deletion protection not known yet", resources: [lb("later", { loadBalancerType: "application", enableDeletionProtection: unknown })] },
    ],
});
