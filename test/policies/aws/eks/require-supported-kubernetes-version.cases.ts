import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { nodeGroup } from "./eks-fixtures";

const cluster = (name: string, props: Record<string, unknown>) =>
    resource("aws:eks/cluster:Cluster", name, {
        roleArn: "arn:aws:iam::111122223333:role/platform-cluster",
        vpcConfig: { subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"], endpointPublicAccess: false },
        ...props,
    });
const standard = { supportType: "STANDARD" };

export default ruleCases("require-supported-kubernetes-version", {
    compliant: [
        { name: "a cluster on 1.34 in standard support", resources: [cluster("platform", { version: "1.34", upgradePolicy: standard })] },
        { name: "a cluster without a version (EKS picks the newest) in standard support", resources: [cluster("latest", { upgradePolicy: standard })] },
        { name: "a node group on 1.35", resources: [nodeGroup("general", { version: "1.35" })] },
        { name: "a node group following its cluster's version", resources: [nodeGroup("follower", {})] },
        {
            name: "a node group on 1.33 where the team still supports it",
            resources: [nodeGroup("lagging", { version: "1.33" })],
            config: { "require-supported-kubernetes-version": { supportedVersions: ["1.33", "1.34", "1.35"] } },
        },
    ],
    violating: [
        { name: "a cluster on 1.29", resources: [cluster("old", { version: "1.29", upgradePolicy: standard })], message: /version 1\.29 is not one of 1\.34, 1\.35\./ },
        { name: "a node group on 1.31", resources: [nodeGroup("stale", { version: "1.31" })], message: /version 1\.31 is not one of 1\.34, 1\.35\./ },
        { name: "a cluster without an upgrade policy", resources: [cluster("default", { version: "1.34" })], message: /upgradePolicy\.supportType is not set \(EXTENDED\)/ },
        { name: "a cluster opted into extended support", resources: [cluster("extended", { version: "1.35", upgradePolicy: { supportType: "EXTENDED" } })], message: /upgradePolicy\.supportType is EXTENDED/ },
        {
            name: "a cluster on 1.34 where the team supports 1.35 only",
            resources: [cluster("strict", { version: "1.34", upgradePolicy: standard })],
            config: { "require-supported-kubernetes-version": { supportedVersions: ["1.35"] } },
            message: /version 1\.34 is not one of 1\.35\./,
        },
    ],
    unknown: [
        { name: "a node group version taken from a cluster not created yet", resources: [nodeGroup("later", { version: unknown })] },
    ],
});
