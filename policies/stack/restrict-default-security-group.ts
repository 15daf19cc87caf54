import { defineStackRule } from "../lib/rule";
import { list, ofType, referrers } from "../lib/values";

const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";

export default defineStackRule({
    name: "restrict-default-security-group",
    description: "The default security group of every VPC must be taken over and left without any inbound or outbound rule.",
    severity: "high",
    controls: ["FSBP EC2.2"],
    remediation: "Declare an aws.ec2.DefaultSecurityGroup with `vpcId` set to the VPC and no `ingress` or `egress` entries; AWS's own default rules are then removed.",
    validate(resources, _context, report) {
        const defaults = ofType(resources, DEFAULT_SG);
        const defaultsOf = referrers(defaults, "vpcId");
        for (const group of defaults) {
            const rules = list(group.props.ingress).length + list(group.props.egress).length;
            if (rules > 0) {
                report(group, `Default security group ${group.name} has ${rules} rule(s); it must have none.`);
            }
        }
        for (const vpc of ofType(resources, "aws:ec2/vpc:Vpc")) {
            if (defaultsOf(vpc).length === 0) {
                report(vpc, `VPC ${vpc.name} leaves its default security group unmanaged, so AWS's default allow rules stay in place.`);
            }
        }
    },
});
