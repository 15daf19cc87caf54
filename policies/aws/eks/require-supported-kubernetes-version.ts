import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule<{ supportedVersions: string[] }>({
    name: "require-supported-kubernetes-version",
    description: "EKS clusters and node groups must run a Kubernetes version in EKS standard support, and clusters must not fall into extended support.",
    severity: "high",
    controls: ["FSBP EKS.2"],
    remediation: "Set `version` on the aws.eks.Cluster and aws.eks.NodeGroup to a supported version (see the rule's supportedVersions), and `upgradePolicy: { supportType: \"STANDARD\" }` on the cluster.",
    config: {
        supportedVersions: {
            type: "array",
            items: { type: "string", pattern: "^1\\.\\d+$" },
            default: ["1.34", "1.35"],
            description: "Kubernetes minor versions in EKS standard support; update as EKS releases and retires versions.",
        },
    },
    resourceTypes: ["aws:eks/cluster:Cluster", "aws:eks/nodeGroup:NodeGroup"],
    validate(props, { type, config }, report) {
        const version = props.version;
        // A cluster without a version gets the newest; a node group without one follows its cluster.
        if (version !== undefined && !config.supportedVersions.includes(String(version))) {
            report(`version ${version} is not one of ${config.supportedVersions.join(", ")}.`);
        }
        if (type === "aws:eks/cluster:Cluster" && props.upgradePolicy?.supportType !== "STANDARD") {
            report(`upgradePolicy.supportType is ${props.upgradePolicy?.supportType ?? "not set (EXTENDED)"}: the cluster would keep running, at extra cost, on a version without standard support.`);
        }
    },
});
