import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-lb-access-logs",
    description: "Application and network load balancers must write access logs to S3.",
    severity: "medium",
    controls: ["FSBP ELB.5"],
    remediation: "Set `accessLogs: { bucket: <log bucket>, enabled: true }` on the aws.lb.LoadBalancer; the bucket policy must let Elastic Load Balancing write to it.",
    resourceTypes: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    validate(props, _context, report) {
        if ((props.loadBalancerType ?? "application") === "gateway") {
            return;
        }
        const logs = props.accessLogs;
        // The provider leaves logging off unless `enabled` is true, even with a bucket named.
        if (!logs || logs.enabled !== true || !logs.bucket) {
            const state = !logs ? "not set" : !logs.bucket ? "missing a bucket" : `enabled: ${logs.enabled ?? "not set (false)"}`;
            report(`accessLogs is ${state}: requests to the load balancer leave no trail.`);
        }
    },
});
