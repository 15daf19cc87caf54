import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-cluster-access-entries",
    description: "EKS clusters must authenticate through access entries only and must not make their creator a cluster admin.",
    severity: "high",
    controls: ["CIS EKS 5.5.1", "EKS BP access-entries"],
    remediation: "Set `accessConfig: { authenticationMode: \"API\", bootstrapClusterCreatorAdminPermissions: false }` on the aws.eks.Cluster and grant access with aws.eks.AccessEntry and aws.eks.AccessPolicyAssociation.",
    resourceTypes: ["aws:eks/cluster:Cluster"],
    validate(props, _context, report) {
        const access = props.accessConfig ?? {};
        const mode = access.authenticationMode ?? "CONFIG_MAP";
        if (mode !== "API") {
            report(`accessConfig.authenticationMode is ${mode}: the aws-auth ConfigMap can grant cluster access outside IAM and CloudTrail.`);
        }
        // EKS grants the creator admin unless this is explicitly false.
        if (access.bootstrapClusterCreatorAdminPermissions !== false) {
            report("accessConfig.bootstrapClusterCreatorAdminPermissions is not false: whoever creates the cluster becomes an invisible cluster admin.");
        }
    },
});
