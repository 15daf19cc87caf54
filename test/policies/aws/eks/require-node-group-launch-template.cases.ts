import { ruleCases, unknown } from "../../../harness/policy-cases";
import { nodeGroup } from "./eks-fixtures";

export default ruleCases("require-node-group-launch-template", {
    compliant: [
        { name: "a node group on its own launch template, by id", resources: [nodeGroup("general", { launchTemplate: { id: "lt-0123456789abcdef0", version: "3" } })] },
        { name: "a node group on its own launch template, by name", resources: [nodeGroup("named", { launchTemplate: { name: "platform-nodes", version: "$Latest" } })] },
    ],
    violating: [
        {
            name: "a node group on the launch template EKS generates",
            resources: [nodeGroup("quick", { instanceTypes: ["m7i.large"], amiType: "AL2023_x86_64_STANDARD" })],
            message: /no launchTemplate: EKS generates one with default metadata options, which leave IMDSv1 open to pods\./,
        },
        {
            name: "a launch template block naming neither id nor name",
            resources: [nodeGroup("empty", { launchTemplate: { version: "1" } })],
            message: /no launchTemplate/,
        },
    ],
    unknown: [
        { name: "a launch template id known only after it is created", resources: [nodeGroup("later", { launchTemplate: { id: unknown, version: unknown } })] },
    ],
});
