import { ruleCases, unknown } from "../../../harness/policy-cases";
import { nodeGroup } from "./eks-fixtures";

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
