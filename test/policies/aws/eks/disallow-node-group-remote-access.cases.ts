import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const nodeGroup = (name: string, props: Record<string, unknown>) =>
    resource("aws:eks/nodeGroup:NodeGroup", name, {
        clusterName: "platform",
        nodeRoleArn: "arn:aws:iam::111122223333:role/platform-nodes",
        subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"],
        scalingConfig: { desiredSize: 3, minSize: 3, maxSize: 6 },
        ...props,
    });

export default ruleCases("disallow-node-group-remote-access", {
    compliant: [
        { name: "a node group without remoteAccess", resources: [nodeGroup("general", { instanceTypes: ["m7i.large"], amiType: "AL2023_x86_64_STANDARD" })] },
        { name: "a node group on a launch template, reached through SSM", resources: [nodeGroup("custom", { launchTemplate: { id: "lt-0123456789abcdef0", version: "3" } })] },
    ],
    violating: [
        {
            name: "an SSH key without source security groups (port 22 open to the internet)",
            resources: [nodeGroup("debug", { remoteAccess: { ec2SshKey: "ops-key" } })],
            message: /remoteAccess is set \(key ops-key\): nodes accept SSH from anywhere\./,
        },
        {
            name: "an SSH key limited to a bastion's security group",
            resources: [nodeGroup("bastion", { remoteAccess: { ec2SshKey: "ops-key", sourceSecurityGroupIds: ["sg-0bastion000000000"] } })],
            message: /remoteAccess is set \(key ops-key\): nodes accept SSH from sg-0bastion000000000\./,
        },
    ],
    unknown: [
        { name: "an SSH key name not known yet", resources: [nodeGroup("later", { remoteAccess: { ec2SshKey: unknown } })] },
    ],
});
