/**
 * Everything the platform runs inside a cluster, identical on EKS and on-prem: the Istio mesh, the
 * platform and data namespaces, and one isolated namespace per tenant. The variant passes the
 * Kubernetes provider and how the gateway is exposed.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";
import { PERCONA_MONGODB } from "../versions";
import { InternalCa } from "../secrets/internal-ca";
import { Keystore } from "../secrets/keystore";
import { allowFromNamespaces, GATEWAY_NAME, GATEWAY_NAMESPACE, GatewayServiceSettings, IstioMesh } from "./mesh/istio-mesh";
import { LogicalBackupTarget, MongoDbPlacement, perconaNetworkAllows, PerconaMongoDb, MONGODB_CLUSTER_NAME } from "./mongodb/percona-mongodb";
import { inNamespace, tcp } from "./network-policies";
import { NamespaceQuota, SecureNamespace } from "./secure-namespace";
import { Tenant } from "./tenant";

export const PLATFORM_NAMESPACE = "platform";
export const DATA_NAMESPACE = "data";
/** MongoDB's port: the only way into the data namespace. */
export const MONGODB_PORT = 27017;

/** Quotas of the namespaces the platform itself runs in. */
export const SYSTEM_QUOTA: NamespaceQuota = { cpu: "8", memory: "16Gi", pods: 200, storage: "10Gi" };
export const PLATFORM_QUOTA: NamespaceQuota = { cpu: "32", memory: "64Gi", pods: 300, storage: "100Gi" };
export const DATA_QUOTA: NamespaceQuota = { cpu: "16", memory: "64Gi", pods: 50, storage: "4Ti" };

/** Service account the MongoDB pods (and their backup agent) run as. */
export const MONGODB_SERVICE_ACCOUNT = "mongodb";
/** The Secret in the platform namespace holding the keystore. */
export const KEYSTORE_SECRET = "platform-keystore";
/** Daily logical backup, an hour after the volume backups start (UTC). */
export const LOGICAL_BACKUP_SCHEDULE = "0 4 * * *";

export interface KubernetesPlatformArgs {
    readonly config: PlatformConfig;
    readonly provider: k8s.Provider;
    readonly gateway: GatewayServiceSettings;
    readonly keystore: Keystore;
    /** A StorageClass that encrypts at rest, for MongoDB's volumes. */
    readonly storageClassName: pulumi.Input<string>;
    readonly mongodb?: {
        readonly placement?: MongoDbPlacement;
        /** Where logical backups go; none when omitted. */
        readonly backup?: LogicalBackupTarget;
    };
    /** Keep stateful objects (the database, its keys and credentials) from `pulumi destroy`. @default false */
    readonly protect?: boolean;
}

export class KubernetesPlatform extends pulumi.ComponentResource {
    readonly mesh: IstioMesh;
    readonly ca: InternalCa;
    readonly tenants: Tenant[];
    readonly mongodb: PerconaMongoDb;

    constructor(name: string, args: KubernetesPlatformArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("secure-platform:k8s:KubernetesPlatform", name, {}, { ...opts, providers: { kubernetes: args.provider } });
        const { config } = args;
        const kubernetesVersion = config.cluster.kubernetesVersion;
        const replicas = config.environment === "dev" ? 1 : 2;

        this.ca = new InternalCa("internal-ca", { organization: `${config.project}-${config.stack}` }, { parent: this });
        const gatewayCert = this.ca.issue("gateway", {
            commonName: `${GATEWAY_NAME}.${GATEWAY_NAMESPACE}.svc`,
            dnsNames: [
                `${GATEWAY_NAME}.${GATEWAY_NAMESPACE}.svc`,
                `${GATEWAY_NAME}.${GATEWAY_NAMESPACE}.svc.cluster.local`,
                ...(config.edge.domainName ? [config.edge.domainName] : []),
            ],
        });

        this.mesh = new IstioMesh("mesh", {
            kubernetesVersion,
            chartRepository: config.mesh.chartRepository,
            replicas,
            gateway: args.gateway,
            gatewayTls: gatewayCert,
            systemQuota: SYSTEM_QUOTA,
        }, { parent: this });
        const meshReady = { parent: this, dependsOn: this.mesh.ready };

        const fromGateway = { name: "gateway", direction: "Ingress" as const, peers: [inNamespace(GATEWAY_NAMESPACE)] };
        const platform = new SecureNamespace(PLATFORM_NAMESPACE, {
            name: PLATFORM_NAMESPACE,
            kubernetesVersion,
            quota: PLATFORM_QUOTA,
            allows: [fromGateway, { name: "mongodb", direction: "Egress", peers: [inNamespace(DATA_NAMESPACE)], ports: tcp(MONGODB_PORT) }],
        }, meshReady);
        allowFromNamespaces(`${PLATFORM_NAMESPACE}-allow-mesh-peers`, PLATFORM_NAMESPACE, "allow-mesh-peers", [GATEWAY_NAMESPACE, PLATFORM_NAMESPACE], { parent: this, dependsOn: [platform, ...this.mesh.ready] });

        const data = new SecureNamespace(DATA_NAMESPACE, {
            name: DATA_NAMESPACE,
            kubernetesVersion,
            quota: DATA_QUOTA,
            allows: [
                { name: "platform", direction: "Ingress", peers: [inNamespace(PLATFORM_NAMESPACE)], ports: tcp(MONGODB_PORT) },
                ...perconaNetworkAllows(MONGODB_CLUSTER_NAME, args.mongodb?.backup?.egress),
            ],
        }, meshReady);
        allowFromNamespaces(`${DATA_NAMESPACE}-allow-mesh-peers`, DATA_NAMESPACE, "allow-mesh-peers", [PLATFORM_NAMESPACE, DATA_NAMESPACE], { parent: this, dependsOn: [data, ...this.mesh.ready] });

        new k8s.core.v1.Secret("platform-keystore", {
            metadata: { name: KEYSTORE_SECRET, namespace: PLATFORM_NAMESPACE },
            type: "Opaque",
            stringData: args.keystore.document(),
        }, { parent: this, dependsOn: [platform], protect: args.protect });

        this.mongodb = new PerconaMongoDb("mongodb", {
            namespace: DATA_NAMESPACE,
            members: config.data.mongodb.members,
            storageSize: config.data.mongodb.storageSize,
            storageClassName: args.storageClassName,
            ca: this.ca,
            chartRepository: PERCONA_MONGODB.repository,
            serviceAccountName: MONGODB_SERVICE_ACCOUNT,
            clientNamespace: PLATFORM_NAMESPACE,
            ...(args.mongodb?.placement ? { placement: args.mongodb.placement } : {}),
            ...(args.mongodb?.backup ? { backup: { ...args.mongodb.backup, schedule: LOGICAL_BACKUP_SCHEDULE, keep: config.data.backup.retentionDays } } : {}),
            protect: args.protect,
        }, { parent: this, dependsOn: [data, platform, ...this.mesh.ready] });

        this.tenants = config.tenants.map((tenant) => new Tenant(`tenant-${tenant.name}`, {
            tenant,
            kubernetesVersion,
            meshReady: this.mesh.ready,
        }, { parent: this }));

        this.registerOutputs({});
    }
}

