import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsPlatformConfig } from "../config";
import { DATA_NAMESPACE, KubernetesPlatform, MONGODB_SERVICE_ACCOUNT } from "../k8s/kubernetes-platform";
import { Keystore } from "../secrets/keystore";
import { namePath, platformTags } from "../lib/tags";
import { lookupAwsContext } from "./aws-context";
import { BackupPlan } from "./backup-plan";
import { DmzEdge } from "./dmz-edge";
import { EbsAccountGuards, EbsStorage } from "./ebs-storage";
import { ADDONS_AFTER_NODES, ADDONS_BEFORE_NODES, EksAddons } from "./eks-addons";
import { EksCluster } from "./eks-cluster";
import { EksNodeGroup } from "./eks-node-group";
import { EksRoles } from "./eks-roles";
import { KeystoreSecret } from "./keystore-secret";
import { KmsKeys } from "./kms-keys";
import { eksKubernetesProvider } from "./kubernetes-provider";
import { LogicalBackupBucket, logicalBackupRole } from "./logical-backup-bucket";
import { Network } from "./network";
import { tcp } from "../k8s/network-policies";
import { NodeSecurityGroup } from "./node-security-group";

/** Label and taint that reserve the data nodes for MongoDB. */
export const DATA_NODE_TAINT = { key: "secure-platform/dedicated", value: "data", effect: "NO_SCHEDULE" } as const;
export const NODE_GROUP_LABEL = "secure-platform/node-group";
/** Tag key on every MongoDB volume; the backup selection matches it with the stack's name as value. */
export const BACKUP_TAG_KEY = "secure-platform/backup";
export const STORAGE_CLASS_NAME = "encrypted-gp3";
export const SNAPSHOT_CLASS_NAME = "encrypted-ebs";
/** The EKS Pod Identity agent's credential endpoint on every node (link-local). */
export const POD_IDENTITY_AGENT_CIDR = "169.254.170.23/32";

/**
 * The AWS variant: an explicit provider (region, default tags, account guard), the customer-managed
 * keys, the tiered network, the EKS cluster with its node groups and add-ons, and the DMZ edge.
 * Returns the stack outputs.
 */
export function deployAwsPlatform(config: AwsPlatformConfig) {
    const isProd = config.environment === "prod";
    const provider = new aws.Provider("aws", {
        region: config.region,
        defaultTags: { tags: platformTags(config) },
        ...(config.awsAccountId ? { allowedAccountIds: [config.awsAccountId] } : {}),
    });
    const opts = { provider };
    const context = lookupAwsContext(config.region, provider);
    const logs = { retentionInDays: config.logRetentionDays };

    const clusterName = `${config.project}-${config.stack}`;
    const roles = new EksRoles("eks-roles", { context }, opts);
    // The MongoDB pods write logical backups with the backup key, so its policy names their role.
    const mongodbIdentity = { clusterName, namespace: DATA_NAMESPACE, serviceAccount: MONGODB_SERVICE_ACCOUNT };
    const backupRole = logicalBackupRole("mongodb-backup", context, mongodbIdentity, opts);
    const keys = new KmsKeys("keys", {
        context,
        aliasPrefix: namePath(config),
        deletionWindowInDays: config.kmsDeletionWindowDays,
        keyUsers: { cluster: [roles.clusterRole.arn], backup: [backupRole.arn] },
        protect: isProd,
    }, opts);
    new EbsAccountGuards("ebs-account", opts);
    const keystore = new Keystore("keystore", { generations: config.data.keystore });
    const keystoreSecret = new KeystoreSecret("keystore", {
        keystore,
        secretName: `${namePath(config)}/keystore`,
        kmsKeyArn: keys.keys.secrets.arn,
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
        clusterName,
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
    const backupTag = { key: BACKUP_TAG_KEY, value: clusterName };
    const storage = new EbsStorage("ebs-storage", {
        storageClassName: STORAGE_CLASS_NAME,
        snapshotClassName: SNAPSHOT_CLASS_NAME,
        kmsKeyArn: keys.keys.ebs.arn,
        backupTag,
        protect: isProd,
    }, { provider: kubernetesProvider, dependsOn: [lateAddons] });
    const backup = new BackupPlan("backup", {
        context,
        namePrefix: clusterName,
        kmsKeyArn: keys.keys.backup.arn,
        volumeTag: backupTag,
        settings: config.data.backup,
        kmsDeletionWindowDays: config.kmsDeletionWindowDays,
        protect: isProd,
    }, opts);
    const logicalBackups = new LogicalBackupBucket("mongodb-backups", {
        context,
        kmsKeyArn: keys.keys.backup.arn,
        role: backupRole,
        noncurrentRetentionDays: config.data.backup.retentionDays,
        protect: isProd,
    }, opts);
    const backupIdentity = new aws.eks.PodIdentityAssociation("mongodb-backup", {
        clusterName: cluster.name,
        namespace: mongodbIdentity.namespace,
        serviceAccount: mongodbIdentity.serviceAccount,
        roleArn: backupRole.arn,
    }, { ...opts, dependsOn: [lateAddons] });

    // The gateway is a NodePort on the app nodes: the edge's target group forwards to its fixed ports.
    const bucket = logicalBackups.bucket.bucket;
    new KubernetesPlatform("kubernetes", {
        config,
        kubernetesVersion: config.cluster.kubernetesVersion,
        ...(config.edge.domainName ? { domainName: config.edge.domainName } : {}),
        sources: config.mesh.chartRepository ? { chartRepository: config.mesh.chartRepository } : {},
        provider: kubernetesProvider,
        gateway: { type: "NodePort", nodeSelector: { [NODE_GROUP_LABEL]: "app" } },
        keystore,
        storageClassName: storage.storageClass.metadata.name,
        mongodb: {
            placement: {
                nodeSelector: { [NODE_GROUP_LABEL]: "data" },
                tolerations: [{ key: DATA_NODE_TAINT.key, operator: "Equal", value: DATA_NODE_TAINT.value, effect: "NoSchedule" }],
            },
            backup: {
                // No credentials Secret: the agent takes the role of its service account from EKS Pod Identity.
                storage: pulumi.all([bucket, keys.keys.backup.arn]).apply(([name, keyArn]) => ({
                    type: "s3",
                    s3: { bucket: name, region: config.region, prefix: "mongodb", serverSideEncryption: { sseAlgorithm: "aws:kms", kmsKeyID: keyArn } },
                })),
                egress: [
                    { name: "object-storage", direction: "Egress", ports: tcp(443) },
                    { name: "pod-identity", direction: "Egress", peers: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: tcp(80) },
                ],
                meshHosts: pulumi.all([bucket, context.dnsSuffix]).apply(([name, suffix]) => [`s3.${config.region}.${suffix}`, `${name}.s3.${config.region}.${suffix}`]),
                // The credential endpoint is link-local on the node: keep it out of the sidecar.
                podAnnotations: { "traffic.sidecar.istio.io/excludeOutboundIPRanges": POD_IDENTITY_AGENT_CIDR },
            },
        },
        protect: isProd,
    }, { dependsOn: [lateAddons, appNodes, dataNodes, backupIdentity] });

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
        keystoreSecretArn: keystoreSecret.secret.arn,
        jwtPublicKeyPem: keystore.jwtPublicKeyPem,
        backupVaultArn: backup.vault.arn,
        logicalBackupBucket: bucket,
    };
}
