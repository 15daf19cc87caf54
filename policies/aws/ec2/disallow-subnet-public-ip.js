"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const rule_1 = require("../../lib/rule");
exports.default = (0, rule_1.defineResourceRule)({
    name: "disallow-subnet-public-ip",
    description: "Subnets must not assign public IPv4 addresses to instances at launch.",
    severity: "medium",
    controls: ["FSBP EC2.15"],
    remediation: "Set `mapPublicIpOnLaunch: false` on the aws.ec2.Subnet (public addresses belong on load balancers and NAT gateways only).",
    resourceTypes: ["aws:ec2/subnet:Subnet"],
    validate(props, _context, report) {
        if (props.mapPublicIpOnLaunch === true) {
            report("mapPublicIpOnLaunch is true: every instance launched here gets a public IPv4 address.");
        }
    },
});
