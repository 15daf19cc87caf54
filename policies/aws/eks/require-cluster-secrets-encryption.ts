import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

export default defineResourceRule({
    name: "require-cluster-secrets-encryption",
    description: "EKS clusters must encrypt Kubernetes secrets with a KMS key (envelope encryption).",
    severity: "medium",
    controls: ["FSBP EKS.3"],
    remediation: "Set `encryptionConfig: { resources: [\"secrets\"], provider: { keyArn: <customer-managed KMS key ARN> } }` on the aws.eks.Cluster.",
    resourceTypes: ["aws:eks/cluster:Cluster"],
    validate(props, _context, report) {
        const encryption = props.encryptionConfig;
        if (!encryption) {
            report("encryptionConfig is not set: secrets are stored in etcd without envelope encryption.");
            return;
        }
        if (!list(encryption.resources).map(String).includes("secrets")) {
            report("encryptionConfig.resources does not include \"secrets\".");
        }
        const keyArn = encryption.provider?.keyArn;
        if (typeof keyArn !== "string" || keyArn === "") {
            report("encryptionConfig.provider.keyArn is not set.");
        }
    },
});
