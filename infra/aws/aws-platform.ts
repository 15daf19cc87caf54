import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsPlatformConfig } from "../config";
import { DATA_NAMESPACE, KubernetesPlatform, MONGODB_OPERATOR_SERVICE_ACCOUNT, MONGODB_SERVICE_ACCOUNT, PLATFORM_NAMESPACE } from "../k8s/kubernetes-platform";
import { Keystore } from "../secrets/keystore";
import { certificateNames } from "../lib/hostnames";
import { namePath, platformTags } from "../lib/tags";
import { arnAccount } from "../settings/images";
import { AuditTrail, trailArn } from "./audit-trail";
import { lookupAwsContext, withAwsContext } from "./aws-context";
import { BackupPlan } from "./backup-plan";
import { DeployRunner, deployRunnerRole } from "./deploy-runner";
import { guardDeployPhase } from "./deploy-phase-guard";
import { DmzEdge } from "./dmz-edge";
import { EbsAccountGuards, EbsStorage } from "./ebs-storage";
import { ADDONS_AFTER_NODES, ADDONS_BEFORE_NODES, EksAddons } from "./eks-addons";
import { EksCluster } from "./eks-cluster";
import { EksNodeGroup } from "./eks-node-group";
import { EksRoles } from "./eks-roles";
import { IMAGE_CACHE_PREFIXES, ImageCache } from "./image-cache";
import { ImageVerificationIdentity } from "./image-verification-identity";
import { ImageWarmup } from "./image-warmup";
import { meshNodeImages } from "../k8s/mesh/istio-mesh";
import { replicaSetImages } from "../k8s/mongodb/percona-mongodb";
import { KeystoreSecret } from "./keystore-secret";
import { KmsKeys } from "./kms-keys";
import { kmsTenantKeySealer, TENANT_KEY_SERVICE_ACCOUNT, tenantKeyReaderRole } from "./tenant-key-store";
import { keyAdministrators } from "./kms-policy";
import { eksClusterIdentifier, eksKubernetesProvider } from "./kubernetes-provider";
import { LOGICAL_BACKUP_PREFIX, LogicalBackupBucket, logicalBackupRole } from "./logical-backup-bucket";
import { Network } from "./network";
import { tcp } from "../k8s/network-policies";
import { NodeSecurityGroup } from "./node-security-group";
import { deploySecurityServices } from "./threat-detection";

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
export async function deployAwsPlatform(config: AwsPlatformConfig) {
    // Before anything is registered: foundation over a stack that holds Kubernetes resources would delete them.
    await guardDeployPhase(config);
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
    const roles = new EksRoles("eks-roles", { context, imageCachePrefixes: IMAGE_CACHE_PREFIXES }, opts);
    // The MongoDB pods write logical backups with the backup key, so its policy names their role.
    const mongodbIdentity = { clusterName, namespace: DATA_NAMESPACE, serviceAccount: MONGODB_SERVICE_ACCOUNT };
    const backupRole = logicalBackupRole("mongodb-backup", context, mongodbIdentity, opts);
    // The operator deletes expired backups from the bucket itself, as its own identity, without the key.
    const operatorIdentity = { clusterName, namespace: DATA_NAMESPACE, serviceAccount: MONGODB_OPERATOR_SERVICE_ACCOUNT };
    const expiryRole = logicalBackupRole("mongodb-backup-expiry", context, operatorIdentity, opts);
    // The deploy runner's role uses the logs key (its logs and build data), so the key's policy names it.
    const runnerRole = config.deploy.runner ? deployRunnerRole("deploy-runner", opts) : undefined;
    // The platform's services open tenant keys as this role, which the secrets key's policy names as a reader.
    const tenantKeyIdentity = { clusterName, namespace: PLATFORM_NAMESPACE, serviceAccount: TENANT_KEY_SERVICE_ACCOUNT };
    const tenantKeyRole = config.tenants.length > 0 ? tenantKeyReaderRole("tenant-keys", context, tenantKeyIdentity, opts) : undefined;
    // Only these may change a key policy; the account administers the keys without using them.
    const keyAdmins = keyAdministrators(config.cluster.accessEntries);
    const keys = new KmsKeys("keys", {
        context,
        aliasPrefix: namePath(config),
        deletionWindowInDays: config.kmsDeletionWindowDays,
        keyAdmins,
        keyUsers: { cluster: [roles.clusterRole.arn], backup: [backupRole.arn], ...(runnerRole ? { logs: [runnerRole.arn] } : {}) },
        // The stack's own trail gets a key of its own, which encrypts for that trail only (auditTrail).
        ...(config.auditTrail.mode === "create" ? { auditTrailArn: withAwsContext(context, (c) => trailArn(c, clusterName)) } : {}),
        ...(tenantKeyRole ? { tenantKeyReaders: [tenantKeyRole.arn] } : {}),
        protect: isProd,
    }, opts);
    const imageCache = new ImageCache("image-cache", {
        context,
        registryAccountId: config.awsAccountId ?? arnAccount(config.images.dockerHubCredentialArn),
        dockerHubCredentialArn: config.images.dockerHubCredentialArn,
        githubCredentialArn: config.images.githubCredentialArn,
        kmsKeyArn: keys.keys.images.arn,
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
        kubernetesApiClients: config.cluster.privateAccessCidrs,
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
        // The preview role reads what the view policy shows (no Secrets); see README, "Continuous integration".
        accessEntries: [...config.cluster.accessEntries, ...(config.deploy.previewRoleArn ? [{ principalArn: config.deploy.previewRoleArn, access: "view" as const }] : [])],
        deletionProtection: isProd,
        protect: isProd,
    }, opts);
    const nodeSecurity = new NodeSecurityGroup("nodes-sg", {
        vpcId: network.vpc.id,
        vpcCidr: config.network.vpcCidr,
        clusterSecurityGroupId: cluster.securityGroup.id,
    }, opts);
    // The runner the Deploy workflow's jobs run on: inside the VPC, admitted to the private API (README, "First deployment").
    const runner = config.deploy.runner && runnerRole ? new DeployRunner("deploy-runner", {
        context,
        projectName: `${clusterName}-deploy`,
        repository: config.deploy.runner.repository,
        connectionArn: config.deploy.runner.connectionArn,
        computeType: config.deploy.runner.computeType,
        role: runnerRole,
        vpcId: network.vpc.id,
        subnets: network.subnets.app,
        clusterSecurityGroupId: cluster.securityGroup.id,
        logs: { logGroupName: `/${namePath(config)}/deploy-runner`, kmsKeyArn: logsKey, ...logs },
        encryptionKeyArn: logsKey,
        protect: isProd,
    }, opts) : undefined;

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
            : {
                domainName: config.edge.domainName!,
                hostedZoneId: config.edge.hostedZoneId!,
                // Tenants' hosts, one label below the domain (settings check it): covered by one wildcard.
                subjectAlternativeNames: certificateNames(config.edge.domainName, config.tenants.flatMap((t) => t.hosts)).filter((n) => n !== config.edge.domainName),
            },
        tlsPolicy: config.edge.tlsPolicy,
        wafRateLimit: config.edge.wafRateLimit,
        logs: { kmsKeyArn: logsKey, ...logs },
        namePrefix: `${config.project}-${config.stack}`,
        protect: isProd,
    }, opts);

    // GuardDuty, Security Hub and AWS Config, unless the organisation provides them (securityServices).
    deploySecurityServices("security", {
        context,
        services: config.securityServices,
        namePrefix: clusterName,
        keyAdmins,
        kmsDeletionWindowInDays: config.kmsDeletionWindowDays,
        accessLogs: edge.accessLogs.serverAccessLogs,
        retentionInDays: config.logRetentionDays,
        protect: isProd,
    }, opts);

    const backupTag = { key: BACKUP_TAG_KEY, value: clusterName };
    const backup = new BackupPlan("backup", {
        context,
        namePrefix: clusterName,
        kmsKeyArn: keys.keys.backup.arn,
        volumeTag: backupTag,
        settings: config.data.backup,
        kmsDeletionWindowDays: config.kmsDeletionWindowDays,
        keyAdmins,
        protect: isProd,
    }, opts);
    const logicalBackups = new LogicalBackupBucket("mongodb-backups", {
        context,
        kmsKeyArn: keys.keys.backup.arn,
        role: backupRole,
        expiryRole,
        prefix: LOGICAL_BACKUP_PREFIX,
        noncurrentRetentionDays: config.data.backup.retentionDays,
        accessLogs: edge.accessLogs.serverAccessLogs,
        protect: isProd,
    }, opts);
    // Every API call in the account, and every object-level call on the backups, unless the organization's trail records them.
    const auditTrail = config.auditTrail.mode === "create" && keys.keys.audit ? new AuditTrail("audit-trail", {
        context,
        trailName: clusterName,
        kmsKeyArn: keys.keys.audit.arn,
        retentionInDays: config.auditTrail.retentionDays,
        lockLogFiles: isProd,
        accessLogs: edge.accessLogs.serverAccessLogs,
        cloudWatch: { logGroupName: `/${namePath(config)}/cloudtrail`, kmsKeyArn: logsKey, ...logs },
        // Not the log bucket: its writes are log deliveries, the trail's bucket's among them, which would feed back into the trail.
        dataBucketArns: [logicalBackups.bucket.arn],
        protect: isProd,
    }, opts) : undefined;
    const backupIdentity = new aws.eks.PodIdentityAssociation("mongodb-backup", {
        clusterName: cluster.name,
        namespace: mongodbIdentity.namespace,
        serviceAccount: mongodbIdentity.serviceAccount,
        roleArn: backupRole.arn,
    }, { ...opts, dependsOn: [lateAddons] });
    const expiryIdentity = new aws.eks.PodIdentityAssociation("mongodb-backup-expiry", {
        clusterName: cluster.name,
        namespace: operatorIdentity.namespace,
        serviceAccount: operatorIdentity.serviceAccount,
        roleArn: expiryRole.arn,
    }, { ...opts, dependsOn: [lateAddons] });
    const tenantKeyAssociation = tenantKeyRole ? new aws.eks.PodIdentityAssociation("tenant-keys", {
        clusterName: cluster.name,
        namespace: tenantKeyIdentity.namespace,
        serviceAccount: tenantKeyIdentity.serviceAccount,
        roleArn: tenantKeyRole.arn,
    }, { ...opts, dependsOn: [lateAddons] }) : undefined;
    // The image-verification controller reads images, their signatures and a KMS signing key's public half as its
    // own Pod Identity role.
    const kmsKey = config.imageVerification?.kmsKey;
    const verificationIdentity = new ImageVerificationIdentity("image-verification", {
        context, clusterName: cluster.name, clusterTagName: clusterName, ...(kmsKey ? { kmsKeyArn: kmsKey.arn } : {}), podIdentityAgentCidr: POD_IDENTITY_AGENT_CIDR,
    }, { ...opts, dependsOn: [lateAddons] });

    const bucket = logicalBackups.bucket.bucket;
    const outputs = {
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
        accessLogBucket: edge.accessLogs.bucket.bucket,
        ...(auditTrail ? { auditTrailArn: auditTrail.trail.arn } : {}),
        deployPhase: config.deploy.phase,
        ...(runner ? { deployRunnerProject: runner.project.name } : {}),
    };
    // The foundation phase stops at AWS: nothing below can run before a network reaches the private API
    // (README, "First deployment"). The next `pulumi up`, in the platform phase, adds the rest.
    if (config.deploy.phase === "foundation") {
        return outputs;
    }

    // The provider in-cluster components are deployed with (namespaces, mesh, data).
    const kubernetesProvider = eksKubernetesProvider("cluster", {
        clusterName: cluster.name,
        endpoint: cluster.cluster.endpoint,
        certificateAuthorityData: cluster.cluster.certificateAuthority.data,
        region: config.region,
        clusterIdentifier: eksClusterIdentifier(config.region, clusterName),
        apiAccess: [...cluster.apiAccess, ...(runner ? [runner.apiAccess] : [])],
    }, { dependsOn: [coreAddons] });
    const storage = new EbsStorage("ebs-storage", {
        storageClassName: STORAGE_CLASS_NAME,
        snapshotClassName: SNAPSHOT_CLASS_NAME,
        kmsKeyArn: keys.keys.ebs.arn,
        backupTag,
        protect: isProd,
    }, { provider: kubernetesProvider, dependsOn: [lateAddons] });
    // Every image from the stack's own registry: the data tier reaches nothing else.
    const sources = { registryMirrors: imageCache.mirrors, ...(config.mesh.chartRepository ? { chartRepository: config.mesh.chartRepository } : {}) };
    // What the data nodes run, pulled once from an app node first: the data tier cannot make a first pull.
    const warmup = new ImageWarmup("image-warmup", {
        kubernetesVersion: config.cluster.kubernetesVersion,
        images: [...meshNodeImages(sources), ...replicaSetImages(sources, true)],
        nodeSelector: { [NODE_GROUP_LABEL]: "app" },
    }, { provider: kubernetesProvider, dependsOn: [imageCache, appNodes, lateAddons] });
    // The gateway is a NodePort on the app nodes: the edge's target group forwards to its fixed ports.
    new KubernetesPlatform("kubernetes", {
        config,
        kubernetesVersion: config.cluster.kubernetesVersion,
        ...(config.edge.domainName ? { domainName: config.edge.domainName } : {}),
        sources,
        imageVerificationEgress: verificationIdentity.egress,
        // The node groups at their largest.
        maxNodes: Object.values(config.cluster.nodeGroups).reduce((total, group) => total + group.maxSize, 0),
        provider: kubernetesProvider,
        // The ALB connects to the targets, health checks included, from its own addresses in the DMZ subnets: the
        // only sources the gateway's pods admit (the source is kept: externalTrafficPolicy Local, gatewayValues).
        gateway: { type: "NodePort", nodeSelector: { [NODE_GROUP_LABEL]: "app" }, sourceRanges: network.plan.map((zone) => zone.cidrs.dmz) },
        keystore,
        tenantKeySealer: kmsTenantKeySealer(keys.keys.secrets.arn, provider),
        // The platform's pods that open tenant keys call KMS through its interface endpoint in the VPC, as the role
        // Pod Identity gives their service account; the credential endpoint is link-local on the node, kept out of
        // their sidecars by the annotation the README names ("Tenant keys").
        tenantKeyReader: {
            serviceAccount: TENANT_KEY_SERVICE_ACCOUNT,
            egress: [
                { name: "pod-identity", direction: "Egress", peers: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: tcp(80) },
                { name: "kms", direction: "Egress", peers: [{ ipBlock: { cidr: config.network.vpcCidr } }], ports: tcp(443) },
            ],
            meshHosts: context.dnsSuffix.apply((suffix) => [`kms.${config.region}.${suffix}`]),
        },
        storageClassName: storage.storageClass.metadata.name,
        mongodb: {
            placement: {
                nodeSelector: { [NODE_GROUP_LABEL]: "data" },
                tolerations: [{ key: DATA_NODE_TAINT.key, operator: "Equal", value: DATA_NODE_TAINT.value, effect: "NoSchedule" }],
            },
            backup: {
                // No credentials Secret: the backup agent (MongoDB pods) and the operator (expiry) each take the
                // role of their service account from EKS Pod Identity.
                storage: pulumi.all([bucket, keys.keys.backup.arn]).apply(([name, keyArn]) => ({
                    type: "s3",
                    s3: { bucket: name, region: config.region, prefix: LOGICAL_BACKUP_PREFIX, serverSideEncryption: { sseAlgorithm: "aws:kms", kmsKeyID: keyArn } },
                })),
                egress: [
                    { name: "object-storage", direction: "Egress", ports: tcp(443) },
                    { name: "pod-identity", direction: "Egress", peers: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: tcp(80) },
                ],
                meshHosts: pulumi.all([bucket, context.dnsSuffix]).apply(([name, suffix]) => [`s3.${config.region}.${suffix}`, `${name}.s3.${config.region}.${suffix}`]),
                // The credential endpoint is link-local on the node: keep it out of both pods' sidecars.
                podAnnotations: { "traffic.sidecar.istio.io/excludeOutboundIPRanges": POD_IDENTITY_AGENT_CIDR },
            },
        },
        protect: isProd,
    }, { dependsOn: [lateAddons, appNodes, dataNodes, backupIdentity, expiryIdentity, ...(tenantKeyAssociation ? [tenantKeyAssociation] : []), verificationIdentity, imageCache, warmup] });

    return outputs;
}
