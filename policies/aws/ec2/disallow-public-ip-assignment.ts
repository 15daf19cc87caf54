import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

/**
 * An Elastic IP gives an instance a public address as surely as `associatePublicIpAddress` does; one that
 * is only allocated (a NAT gateway's, `domain: "vpc"` with no instance or interface) is not an instance's.
 */
export default defineResourceRule({
    name: "disallow-public-ip-assignment",
    description: "Instances, Spot instance requests, launch templates and launch configurations must not give instances public IPv4 addresses, nor Elastic IPs be associated with instances or their network interfaces.",
    severity: "high",
    controls: ["FSBP EC2.9", "FSBP EC2.25", "FSBP AutoScaling.5"],
    remediation: "Remove `associatePublicIpAddress: true` (launch template network interfaces, instances, Spot instance requests, launch configurations) and launch into private subnets; remove `instance`/`networkInterface` from the aws.ec2.Eip and the aws.ec2.EipAssociation; publish services through a load balancer and reach instances through SSM Session Manager.",
    resourceTypes: [
        "aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance", "aws:ec2/launchConfiguration:LaunchConfiguration",
        "aws:ec2/spotInstanceRequest:SpotInstanceRequest", "aws:ec2/eip:Eip", "aws:ec2/eipAssociation:EipAssociation",
    ],
    validate(props, { type }, report) {
        if (type === "aws:ec2/launchTemplate:LaunchTemplate") {
            for (const nic of list(props.networkInterfaces)) {
                if (String(nic.associatePublicIpAddress) === "true") {
                    report(`Network interface ${nic.deviceIndex ?? 0} sets associatePublicIpAddress.`);
                }
            }
        } else if (type === "aws:ec2/eip:Eip") {
            const target = props.instance ? `instance ${props.instance}` : props.networkInterface ? `network interface ${props.networkInterface}` : undefined;
            if (target) {
                report(`The Elastic IP is associated with ${target}: the instance gets a public IPv4 address.`);
            }
        } else if (type === "aws:ec2/eipAssociation:EipAssociation") {
            const target = props.instanceId ? `instance ${props.instanceId}` : props.networkInterfaceId ? `network interface ${props.networkInterfaceId}` : undefined;
            if (target) {
                report(`The association puts an Elastic IP on ${target}: the instance gets a public IPv4 address.`);
            }
        } else if (props.associatePublicIpAddress === true) {
            report("associatePublicIpAddress is true.");
        }
    },
});
