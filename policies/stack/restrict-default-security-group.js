"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const rule_1 = require("../lib/rule");
const values_1 = require("../lib/values");
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
exports.default = (0, rule_1.defineStackRule)({
    name: "restrict-default-security-group",
    description: "The default security group of every VPC must be taken over and left without any inbound or outbound rule.",
    severity: "high",
    controls: ["FSBP EC2.2"],
    remediation: "Declare an aws.ec2.DefaultSecurityGroup with `vpcId` set to the VPC and no `ingress` or `egress` entries; AWS's own default rules are then removed.",
    validate(resources, _context, report) {
        const defaults = (0, values_1.ofType)(resources, DEFAULT_SG);
        for (const group of defaults) {
            const rules = (0, values_1.list)(group.props.ingress).length + (0, values_1.list)(group.props.egress).length;
            if (rules > 0) {
                report(group, `Default security group ${group.name} has ${rules} rule(s); it must have none.`);
            }
        }
        for (const vpc of (0, values_1.ofType)(resources, "aws:ec2/vpc:Vpc")) {
            if (!defaults.some((group) => (0, values_1.refersTo)(group, "vpcId", vpc))) {
                report(vpc, `VPC ${vpc.name} leaves its default security group unmanaged, so AWS's default allow rules stay in place.`);
            }
        }
    },
});
