import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const cluster = (name: string, props: Record<string, unknown>) =>
    resource("aws:eks/cluster:Cluster", name, {
        roleArn: "arn:aws:iam::111122223333:role/platform-cluster",
        version: "1.34",
        vpcConfig: { subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"], endpointPrivateAccess: true, endpointPublicAccess: false },
        ...props,
    });

export default ruleCases("require-cluster-access-entries", {
    compliant: [
        { name: "access entries only, no creator admin", resources: [cluster("platform", { accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false } })] },
        {
            name: "a cluster with its access granted through access entries in the same stack",
            resources: [
                cluster("shared", { accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false }, enabledClusterLogTypes: ["api", "audit"] }),
                resource("aws:eks/accessEntry:AccessEntry", "admins", { clusterName: "shared", principalArn: "arn:aws:iam::111122223333:role/platform-admins", type: "STANDARD" }),
            ],
        },
    ],
    violating: [
        {
            name: "accessConfig not set (aws-auth ConfigMap, creator admin)",
            resources: [cluster("legacy", {})],
            message: /accessConfig\.authenticationMode is CONFIG_MAP: the aws-auth ConfigMap/,
        },
        {
            name: "API_AND_CONFIG_MAP mode",
            resources: [cluster("migrating", { accessConfig: { authenticationMode: "API_AND_CONFIG_MAP", bootstrapClusterCreatorAdminPermissions: false } })],
            message: /accessConfig\.authenticationMode is API_AND_CONFIG_MAP/,
        },
        {
            name: "access entries but the creator kept as admin",
            resources: [cluster("creator", { accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true } })],
            message: /accessConfig\.bootstrapClusterCreatorAdminPermissions is not false/,
        },
        {
            name: "access entries with the creator-admin flag left at its default",
            resources: [cluster("implicit", { accessConfig: { authenticationMode: "API" } })],
            message: /bootstrapClusterCreatorAdminPermissions is not false: whoever creates the cluster becomes an invisible cluster admin/,
        },
    ],
    unknown: [
        { name: "authentication mode not known yet", resources: [cluster("later", { accessConfig: { authenticationMode: unknown, bootstrapClusterCreatorAdminPermissions: false } })] },
    ],
});
