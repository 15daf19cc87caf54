import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule<{ maxHopLimit: number }>({
    name: "restrict-imds-hop-limit",
    description: "Node launch templates and instances must keep the IMDS response hop limit at 1, so containers cannot reach the node's credentials.",
    severity: "high",
    controls: ["EKS BP restrict-imds"],
    remediation: "Set `metadataOptions.httpPutResponseHopLimit: 1` (with `httpTokens: \"required\"`); give pods AWS access through EKS Pod Identity instead.",
    config: {
        maxHopLimit: { type: "integer", minimum: 1, maximum: 64, default: 1, description: "Highest hop limit allowed (2 lets containers reach IMDS)." },
    },
    resourceTypes: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance"],
    validate(props, { config }, report) {
        const options = props.metadataOptions ?? {};
        if (options.httpEndpoint === "disabled") {
            return;
        }
        const hops = options.httpPutResponseHopLimit;
        // An unset limit takes the AMI's default, which the rule cannot see.
        if (hops === undefined) {
            report(`metadataOptions.httpPutResponseHopLimit is not set; set it to ${config.maxHopLimit} or lower.`);
        } else if (Number(hops) > config.maxHopLimit) {
            report(`metadataOptions.httpPutResponseHopLimit is ${hops}; at most ${config.maxHopLimit} is allowed.`);
        }
    },
});
