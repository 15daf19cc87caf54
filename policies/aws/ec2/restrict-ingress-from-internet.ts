import { defineResourceRule } from "../../lib/rule";
import { describeEntry, ingressFromAnywhere, INGRESS_RULE_TYPES } from "../../lib/security-group-rules";

export default defineResourceRule<{ authorizedPorts: number[] }>({
    name: "restrict-ingress-from-internet",
    description: "Security groups may admit traffic from anywhere (0.0.0.0/0, ::/0) only on authorized ports (80 and 443 by default).",
    severity: "high",
    controls: ["FSBP EC2.18"],
    remediation: "Narrow the source of the ingress rule to the networks that need it (a VPN range, another security group), or put the service behind a load balancer that listens on 443.",
    config: {
        authorizedPorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: [80, 443],
            description: "Ports that may be open to the internet (FSBP EC2.18's default authorizedTcpPorts is 80 and 443).",
        },
    },
    resourceTypes: [...INGRESS_RULE_TYPES],
    validate(props, { type, config }, report) {
        for (const entry of ingressFromAnywhere(type, props)) {
            const authorized = entry.protocol.toLowerCase() !== "all" && entry.fromPort === entry.toPort && config.authorizedPorts.includes(entry.fromPort);
            if (!authorized) {
                report(`The group admits ${describeEntry(entry)}; only ports ${config.authorizedPorts.join(", ")} may be open to the internet.`);
            }
        }
    },
});
