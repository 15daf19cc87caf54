import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const NETWORK = { subnets: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"], securityGroups: ["sg-0123456789abcdef0"] };
const lb = (name: string, props: Record<string, unknown>, type = "aws:lb/loadBalancer:LoadBalancer") =>
    resource(type, name, { name, internal: false, ...NETWORK, ...props });

export default ruleCases("require-alb-hardening", {
    compliant: [
        { name: "an ALB dropping invalid headers in strictest mode", resources: [lb("web", { loadBalancerType: "application", dropInvalidHeaderFields: true, desyncMitigationMode: "strictest" })] },
        { name: "an aws.alb load balancer dropping invalid headers in the default (defensive) mode", resources: [lb("api", { dropInvalidHeaderFields: true }, "aws:alb/loadBalancer:LoadBalancer")] },
        { name: "an ALB in defensive mode", resources: [lb("admin", { loadBalancerType: "application", dropInvalidHeaderFields: true, desyncMitigationMode: "defensive" })] },
        { name: "a network load balancer (no HTTP settings)", resources: [lb("tcp", { loadBalancerType: "network", securityGroups: [] })] },
    ],
    violating: [
        { name: "an ALB that forwards invalid headers", resources: [lb("web", { loadBalancerType: "application", desyncMitigationMode: "strictest" })], message: /dropInvalidHeaderFields is not true/ },
        {
            name: "an aws.alb load balancer with dropInvalidHeaderFields false",
            resources: [lb("api", { dropInvalidHeaderFields: false }, "aws:alb/loadBalancer:LoadBalancer")],
            message: /dropInvalidHeaderFields is not true: malformed headers reach the targets/,
        },
        { name: "an ALB in monitor mode", resources: [lb("monitor", { loadBalancerType: "application", dropInvalidHeaderFields: true, desyncMitigationMode: "monitor" })], message: /desyncMitigationMode is monitor; use defensive or strictest/ },
    ],
    unknown: [
        { name: "header dropping not known yet", resources: [lb("later", { loadBalancerType: "application", dropInvalidHeaderFields: unknown, desyncMitigationMode: "strictest" })] },
    ],
});
