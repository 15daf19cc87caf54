/** EKS resources as a hand-written program declares them, shared by the EKS rules' corpora. */
import { resource } from "../../../harness/policy-cases";

/** A managed node group of cluster `platform` with `props` added or overriding. */
export const nodeGroup = (name: string, props: Record<string, unknown>) =>
    resource("aws:eks/nodeGroup:NodeGroup", name, {
        clusterName: "platform",
        nodeRoleArn: "arn:aws:iam::111122223333:role/platform-nodes",
        subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"],
        scalingConfig: { desiredSize: 3, minSize: 3, maxSize: 6 },
        ...props,
    });
