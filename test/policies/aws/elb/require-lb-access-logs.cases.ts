import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const lb = (name: string, props: Record<string, unknown>, type = "aws:lb/loadBalancer:LoadBalancer") =>
    resource(type, name, { name, internal: false, subnets: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"], ...props });
const logs = (props: Record<string, unknown> = {}) => ({ bucket: "acme-lb-access-logs", prefix: "web", enabled: true, ...props });

export default ruleCases("require-lb-access-logs", {
    compliant: [
        { name: "an ALB writing access logs to S3", resources: [lb("web", { loadBalancerType: "application", accessLogs: logs() })] },
        { name: "a network load balancer writing access logs", resources: [lb("tcp", { loadBalancerType: "network", accessLogs: logs({ prefix: "tcp" }) })] },
        { name: "an aws.alb load balancer writing access logs", resources: [lb("api", { accessLogs: logs({ prefix: "api" }) }, "aws:alb/loadBalancer:LoadBalancer")] },
        { name: "a gateway load balancer (no access logs to write)", resources: [lb("inspection", { loadBalancerType: "gateway" })] },
    ],
    violating: [
        { name: "accessLogs not set", resources: [lb("silent", { loadBalancerType: "application" })], message: /accessLogs is not set: requests to the load balancer leave no trail/ },
        { name: "access logs disabled", resources: [lb("off", { loadBalancerType: "application", accessLogs: logs({ enabled: false }) })], message: /accessLogs is enabled: false/ },
        { name: "access logs enabled without a bucket", resources: [lb("nowhere", { loadBalancerType: "network", accessLogs: logs({ bucket: "" }) })], message: /accessLogs is missing a bucket/ },
        {
            name: "a bucket named but enabled left at its default (false)",
            resources: [lb("implicit", { loadBalancerType: "application", accessLogs: { bucket: "acme-lb-access-logs", prefix: "implicit" } })],
            message: /accessLogs/,
        },
    ],
    unknown: [
        { name: "the log bucket not known yet (created in the same stack)", resources: [lb("later", { loadBalancerType: "application", accessLogs: logs({ bucket: unknown }) })] },
    ],
});
