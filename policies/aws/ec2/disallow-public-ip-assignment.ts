import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

export default defineResourceRule({
    name: "disallow-public-ip-assignment",
    description: "Instances, launch templates and launch configurations must not give instances public IPv4 addresses.",
    severity: "high",
    controls: ["FSBP EC2.9", "FSBP EC2.25", "FSBP AutoScaling.5"],
    remediation: "Remove `associatePublicIpAddress: true` (launch template network interfaces, instances, launch configurations) and launch into private subnets; publish services through a load balancer.",
    resourceTypes: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance", "aws:ec2/launchConfiguration:LaunchConfiguration"],
    validate(props, { type }, report) {
        if (type === "aws:ec2/launchTemplate:LaunchTemplate") {
            for (const nic of list(props.networkInterfaces)) {
                if (String(nic.associatePublicIpAddress) === "true") {
                    report(`Network interface ${nic.deviceIndex ?? 0} sets associatePublicIpAddress.`);
                }
            }
        } else if (props.associatePublicIpAddress === true) {
            report("associatePublicIpAddress is true.");
        }
    },
});
