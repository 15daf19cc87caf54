import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-alb-hardening",
    description: "Application load balancers must drop invalid HTTP headers and mitigate request desync in defensive or strictest mode.",
    severity: "medium",
    controls: ["FSBP ELB.4", "FSBP ELB.12"],
    remediation: "Set `dropInvalidHeaderFields: true` and `desyncMitigationMode: \"strictest\"` (or \"defensive\") on the aws.lb.LoadBalancer.",
    resourceTypes: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    validate(props, _context, report) {
        if ((props.loadBalancerType ?? "application") !== "application") {
            return;
        }
        if (props.dropInvalidHeaderFields !== true) {
            report("dropInvalidHeaderFields is not true: malformed headers reach the targets (HTTP desync and smuggling).");
        }
        const mode = props.desyncMitigationMode ?? "defensive";
        if (mode !== "defensive" && mode !== "strictest") {
            report(`desyncMitigationMode is ${mode}; use defensive or strictest.`);
        }
    },
});
