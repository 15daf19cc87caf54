import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const cluster = (name: string, vpcConfig: Record<string, unknown>) =>
    resource("aws:eks/cluster:Cluster", name, {
        roleArn: "arn:aws:iam::111122223333:role/platform-cluster",
        version: "1.34",
        vpcConfig: { subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"], ...vpcConfig },
    });
const strict = { "disallow-public-cluster-endpoint": { allowRestrictedPublicEndpoint: false } };

export default ruleCases("disallow-public-cluster-endpoint", {
    compliant: [
        { name: "a private endpoint", resources: [cluster("private", { endpointPrivateAccess: true, endpointPublicAccess: false })] },
        {
            name: "a public endpoint limited to the office and VPN egress ranges",
            resources: [cluster("restricted", { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24", "198.51.100.10/32"] })],
        },
        { name: "a private endpoint where the stack requires one", resources: [cluster("prod", { endpointPrivateAccess: true, endpointPublicAccess: false })], config: strict },
    ],
    violating: [
        {
            name: "a public endpoint without publicAccessCidrs",
            resources: [cluster("open", { endpointPrivateAccess: true, endpointPublicAccess: true })],
            message: /The API endpoint is public and publicAccessCidrs is not set, so EKS opens it to 0\.0\.0\.0\/0\./,
        },
        { name: "endpoint settings left at the EKS default (public)", resources: [cluster("default", {})], message: /publicAccessCidrs is not set/ },
        {
            name: "publicAccessCidrs including 0.0.0.0/0",
            resources: [cluster("wide", { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24", "0.0.0.0/0"] })],
            message: /The API endpoint is public to 0\.0\.0\.0\/0\./,
        },
        {
            name: "a restricted public endpoint where the stack requires a private one",
            resources: [cluster("restricted", { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] })],
            config: strict,
            message: /The API endpoint is public \(203\.0\.113\.0\/24\); this stack requires a private endpoint\./,
        },
    ],
    unknown: [
        { name: "public access not known yet", resources: [cluster("later", { endpointPublicAccess: unknown })] },
        { name: "public access CIDRs not known yet", resources: [cluster("cidrs", { endpointPublicAccess: true, publicAccessCidrs: unknown })] },
    ],
});
