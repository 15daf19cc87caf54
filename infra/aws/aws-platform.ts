import * as aws from "@pulumi/aws";
import type { PlatformConfig } from "../config";
import { KubernetesPlatform } from "../k8s/kubernetes-platform";
import { namePath, platformTags } from "../lib/tags";
import { lookupAwsContext } from "./aws-context";
import { DmzEdge } from "./dmz-edge";
import { ADDONS_AFTER_NODES, ADDONS_BEFORE_NODES, EksAddons } from "./eks-addons";
import { EksCluster } from "./eks-cluster";
import { EksNodeGroup } from "./eks-node-group";
import { EksRoles } from "./eks-roles";
import { KmsKeys } from "./kms-keys";
import { eksKubernetesProvider } from "./kubernetes-provider";
import { Network } from "./network";
import { NodeSecurityGroup } from "./node-security-group";

/** Label and taint that reserve the data nodes for MongoDB. */
export const DATA_NODE_TAINT = { key: "secure-platform/dedicated", value: "data", effect: "NO_SCHEDULE" } as const;
export const NODE_GROUP_LABEL = "secure-platform/node-group";

/**
 * The AWS variant: an explicit provider (region, default tags, account guard), the customer-managed
 * keys, the tiered network, the EKS cluster with its node groups and add-ons, and the DMZ edge.
 * Returns the stack outputs.
 */
export function deployAwsPlatform(config: PlatformConfig) {
    const isProd = config.environment === "prod";
    const provider = new aws.Provider("aws", {
        region: config.region,
        defaultTags: { tags: platformTags(config) },
        ...(config.awsAccountId ? { allowedAccountIds: [config.awsAccountId] } : {}),
    });
    const opts = { provider };
    const context = lookupAwsContext(config.region, provider);
    const logs = { retentionInDays: config.logRetentionDays };

    const roles = new EksRoles("eks-roles", { context }, opts);
    const keys = new KmsKeys("keys", {
        context,
        aliasPrefix: namePath(config),
        deletionWindowInDays: config.kmsDeletionWindowDays,
        keyUsers: { cluster: [roles.clusterRole.arn] },
        protect: isProd,
    }, opts);
    const logsKey = keys.keys.logs.arn;

    const network = new Network("network", {
        context,
        cidrBlock: config.network.vpcCidr,
        availabilityZones: config.network.availabilityZones,
        natGateways: config.network.natGateways,
        flowLogs: { logGroupName: `/${namePath(config)}/vpc-flow-logs`, kmsKeyArn: logsKey, ...logs },
        protect: isProd,
    }, opts);
    const subnetIds = (tier: "dmz" | "app" | "data") => network.subnets[tier].map((s) => s.id);

    const cluster = new EksCluster("cluster", {
        context,
        clusterName: `${config.project}-${config.stack}`,
        kubernetesVersion: config.cluster.kubernetesVersion,
        roleArn: roles.clusterRole.arn,
        vpcId: network.vpc.id,
        subnetIds: subnetIds("app"),
        publicAccessCidrs: config.cluster.publicAccessCidrs,
        privateAccessCidrs: config.cluster.privateAccessCidrs,
        secretsKeyArn: keys.keys.cluster.arn,
        logs: { kmsKeyArn: logsKey, ...logs },
        accessEntries: config.cluster.accessEntries,
        deletionProtection: isProd,
        protect: isProd,
    }, opts);
    const nodeSecurity = new NodeSecurityGroup("nodes-sg", {
        vpcId: network.vpc.id,
        vpcCidr: config.network.vpcCidr,
        clusterSecurityGroupId: cluster.securityGroup.id,
    }, opts);

    const clusterRef = { context, clusterName: cluster.name, kubernetesVersion: config.cluster.kubernetesVersion };
    const coreAddons = new EksAddons("addons-core", { ...clusterRef, addons: ADDONS_BEFORE_NODES }, opts);
    const nodeGroup = (group: "app" | "data") => new EksNodeGroup(`nodes-${group}`, {
        clusterName: cluster.name,
        kubernetesVersion: config.cluster.kubernetesVersion,
        nodeRoleArn: roles.nodeRole.arn,
        subnetIds: subnetIds(group),
        securityGroupIds: [nodeSecurity.securityGroup.id],
        ebsKeyArn: keys.keys.ebs.arn,
        sizing: config.cluster.nodeGroups[group],
        labels: { [NODE_GROUP_LABEL]: group },
        taints: group === "data" ? [DATA_NODE_TAINT] : [],
    }, { ...opts, dependsOn: [coreAddons] });
    const appNodes = nodeGroup("app");
    const dataNodes = nodeGroup("data");
    const lateAddons = new EksAddons("addons", { ...clusterRef, addons: ADDONS_AFTER_NODES, ebsKeyArn: keys.keys.ebs.arn }, { ...opts, dependsOn: [appNodes, dataNodes] });

    const edge = new DmzEdge("edge", {
        context,
        vpcId: network.vpc.id,
        subnetIds: subnetIds("dmz"),
        nodeSecurityGroupId: nodeSecurity.securityGroup.id,
        targetAutoScalingGroupName: appNodes.nodeGroup.resources.apply((r) => r[0].autoscalingGroups[0].name),
        certificate: config.edge.certificateArn
            ? { arn: config.edge.certificateArn }
            : { domainName: config.edge.domainName!, hostedZoneId: config.edge.hostedZoneId! },
        tlsPolicy: config.edge.tlsPolicy,
        wafRateLimit: config.edge.wafRateLimit,
        logs: { kmsKeyArn: logsKey, ...logs },
        namePrefix: `${config.project}-${config.stack}`,
        protect: isProd,
    }, opts);

    // The provider in-cluster components are deployed with (namespaces, mesh, data).
    const kubernetesProvider = eksKubernetesProvider("cluster", {
        clusterName: cluster.name,
        endpoint: cluster.cluster.endpoint,
        certificateAuthorityData: cluster.cluster.certificateAuthority.data,
        region: config.region,
    }, { dependsOn: [coreAddons] });
    // The gateway is a NodePort on the app nodes: the edge's target group forwards to its fixed ports.
    new KubernetesPlatform("kubernetes", {
        config,
        provider: kubernetesProvider,
        gateway: { type: "NodePort", nodeSelector: { [NODE_GROUP_LABEL]: "app" } },
    }, { dependsOn: [lateAddons, appNodes] });

    return {
        environment: config.environment,
        vpcId: network.vpc.id,
        dmzSubnetIds: subnetIds("dmz"),
        appSubnetIds: subnetIds("app"),
        dataSubnetIds: subnetIds("data"),
        kmsKeyArns: {
            cluster: keys.keys.cluster.arn,
            ebs: keys.keys.ebs.arn,
            logs: keys.keys.logs.arn,
            backup: keys.keys.backup.arn,
            secrets: keys.keys.secrets.arn,
        },
        flowLogGroup: network.flowLogs.logGroup.name,
        clusterName: cluster.name,
        clusterEndpoint: cluster.cluster.endpoint,
        loadBalancerDnsName: edge.loadBalancer.dnsName,
    };
}
