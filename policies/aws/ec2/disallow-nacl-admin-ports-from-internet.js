"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const rule_1 = require("../../lib/rule");
const values_1 = require("../../lib/values");
const ADMIN_PORTS = [22, 3389];
exports.default = (0, rule_1.defineResourceRule)({
    name: "disallow-nacl-admin-ports-from-internet",
    description: "Network ACLs must not allow ingress from 0.0.0.0/0 or ::/0 to SSH (22) or RDP (3389).",
    severity: "medium",
    controls: ["FSBP EC2.21"],
    remediation: "Narrow the rule's `cidrBlock`, or split its port range so it skips 22 and 3389 (e.g. 1024-3388 and 3390-65535 for return traffic).",
    resourceTypes: ["aws:ec2/networkAcl:NetworkAcl", "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", "aws:ec2/networkAclRule:NetworkAclRule"],
    validate(props, context, report) {
        // Read only the fields needed: during a preview, touching an unrelated unknown field would stop the rule.
        const entries = context.type === "aws:ec2/networkAclRule:NetworkAclRule"
            ? (props.egress === true ? [] : [{
                    ruleNo: props.ruleNumber, action: props.ruleAction, protocol: props.protocol,
                    fromPort: props.fromPort, toPort: props.toPort, cidr: props.cidrBlock ?? props.ipv6CidrBlock,
                }])
            : (0, values_1.list)(props.ingress).map((e) => ({
                ruleNo: e.ruleNo, action: e.action, protocol: e.protocol,
                fromPort: e.fromPort, toPort: e.toPort, cidr: e.cidrBlock ?? e.ipv6CidrBlock,
            }));
        for (const entry of entries) {
            if (String(entry.action).toLowerCase() !== "allow" || !(0, values_1.isAnywhere)(entry.cidr)) {
                continue;
            }
            const exposed = ADMIN_PORTS.filter((port) => (0, values_1.rangeIncludes)(entry.protocol, entry.fromPort, entry.toPort, port));
            if (exposed.length > 0) {
                report(`Rule ${entry.ruleNo} allows ${entry.cidr} to port ${exposed.join(" and ")} (protocol ${entry.protocol}, ports ${entry.fromPort}-${entry.toPort}).`);
            }
        }
    },
});
