import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const AMI = "ami-0abcdef1234567890";
const launchTemplate = (name: string, networkInterfaces: Record<string, unknown>[]) =>
    resource("aws:ec2/launchTemplate:LaunchTemplate", name, {
        namePrefix: `${name}-`,
        imageId: AMI,
        instanceType: "m7i.large",
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        networkInterfaces,
    });
const nic = (associatePublicIpAddress: unknown) =>
    ({ deviceIndex: 0, subnetId: "subnet-0a1b2c3d4e5f60718", securityGroups: ["sg-0123456789abcdef0"], deleteOnTermination: "true", associatePublicIpAddress });
const instance = (name: string, props: Record<string, unknown>) =>
    resource("aws:ec2/instance:Instance", name, { ami: AMI, instanceType: "t3.small", subnetId: "subnet-0a1b2c3d4e5f60718", vpcSecurityGroupIds: ["sg-0123456789abcdef0"], ...props });
const spot = (name: string, props: Record<string, unknown>) =>
    resource("aws:ec2/spotInstanceRequest:SpotInstanceRequest", name, { ami: AMI, instanceType: "t3.small", subnetId: "subnet-0a1b2c3d4e5f60718", spotType: "one-time", ...props });
const eip = (name: string, props: Record<string, unknown>) => resource("aws:ec2/eip:Eip", name, { domain: "vpc", tags: { Name: name }, ...props });
const launchConfiguration = (name: string, props: Record<string, unknown>) =>
    resource("aws:ec2/launchConfiguration:LaunchConfiguration", name, { namePrefix: `${name}-`, imageId: AMI, instanceType: "t3.small", securityGroups: ["sg-0123456789abcdef0"], ...props });

export default ruleCases("disallow-public-ip-assignment", {
    compliant: [
        { name: "a launch template whose interface does not associate a public IP", resources: [launchTemplate("private", [nic("false")])] },
        { name: "a launch template without network interfaces", resources: [launchTemplate("plain", [])] },
        { name: "an instance in a private subnet, associatePublicIpAddress not set", resources: [instance("app", {})] },
        { name: "an instance with associatePublicIpAddress false", resources: [instance("worker", { associatePublicIpAddress: false })] },
        { name: "a launch configuration with associatePublicIpAddress false", resources: [launchConfiguration("asg", { associatePublicIpAddress: false })] },
        { name: "a NAT gateway's Elastic IP (allocated, on no instance)", resources: [eip("nat-a", {})] },
        { name: "a Spot instance request in a private subnet", resources: [spot("batch", { associatePublicIpAddress: false })] },
    ],
    violating: [
        { name: "a launch template interface associating a public IP", resources: [launchTemplate("public", [nic("true")])], message: /Network interface 0 sets associatePublicIpAddress/ },
        { name: "an instance with associatePublicIpAddress true", resources: [instance("bastion", { associatePublicIpAddress: true })], message: /associatePublicIpAddress is true/ },
        { name: "a launch configuration with associatePublicIpAddress true", resources: [launchConfiguration("edge", { associatePublicIpAddress: true })], message: /associatePublicIpAddress is true/ },
        { name: "a Spot instance request with associatePublicIpAddress true", resources: [spot("public-batch", { associatePublicIpAddress: true })], message: /associatePublicIpAddress is true/ },
        { name: "an Elastic IP on an instance", resources: [eip("bastion", { instance: "i-0123456789abcdef0" })], message: /The Elastic IP is associated with instance i-0123456789abcdef0: the instance gets a public IPv4 address/ },
        { name: "an Elastic IP on a network interface", resources: [eip("appliance", { networkInterface: "eni-0123456789abcdef0" })], message: /associated with network interface eni-0123456789abcdef0/ },
        { name: "an Elastic IP association to an instance", resources: [resource("aws:ec2/eipAssociation:EipAssociation", "attach", { allocationId: "eipalloc-0123456789abcdef0", instanceId: "i-0123456789abcdef0" })], message: /The association puts an Elastic IP on instance i-0123456789abcdef0/ },
    ],
    unknown: [
        { name: "a launch template interface whose public IP setting is not known yet", resources: [launchTemplate("later", [nic(unknown)])] },
        { name: "an instance whose public IP setting is not known yet", resources: [instance("later", { associatePublicIpAddress: unknown })] },
        { name: "an Elastic IP whose instance is not known yet", resources: [eip("later-eip", { instance: unknown })] },
    ],
});
