import { defineResourceRule } from "../../lib/rule";
import { covers, describeEntry, ingressFromAnywhere, INGRESS_RULE_TYPES } from "../../lib/security-group-rules";

/** The high-risk ports FSBP EC2.19 checks (remote administration, databases, file sharing, dev servers). */
export const HIGH_RISK_PORTS = [20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300];

export default defineResourceRule({
    name: "disallow-high-risk-ports-from-internet",
    description: "Security groups must never admit traffic from anywhere to high-risk ports such as SSH, RDP or databases.",
    severity: "critical",
    controls: ["FSBP EC2.19"],
    remediation: "Remove the rule or narrow its source; reach administration and database ports through SSM Session Manager, a VPN or a bastion's security group.",
    resourceTypes: [...INGRESS_RULE_TYPES],
    validate(props, { type }, report) {
        for (const entry of ingressFromAnywhere(type, props)) {
            const exposed = HIGH_RISK_PORTS.filter((port) => covers(entry, port));
            if (exposed.length > 0) {
                report(`The group admits ${describeEntry(entry)}, exposing high-risk port${exposed.length > 1 ? "s" : ""} ${exposed.join(", ")}.`);
            }
        }
    },
});
