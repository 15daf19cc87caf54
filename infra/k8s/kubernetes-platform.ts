/**
 * Everything the platform runs inside a cluster, identical on EKS and on-prem: the Istio mesh, the
 * platform and data namespaces, and one isolated namespace per tenant. The variant passes the
 * Kubernetes provider and how the gateway is exposed.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { CommonConfig } from "../config";
import type { ImportedCertificate } from "../settings/onprem";
import { InternalCa } from "../secrets/internal-ca";
import { Keystore } from "../secrets/keystore";
import { rootKeySealer, TenantKeySealer } from "../secrets/tenant-keys";
import { certificateNames } from "../lib/hostnames";
import type { TenantSettings } from "../settings/tenants";
import { ImageVerification } from "./admission/image-verification";
import { allowFromNamespaces, CniNodeSettings, GATEWAY_NAME, GATEWAY_NAMESPACE, GatewayRoute, GatewayServiceSettings, IstioMesh, PROXY_RESOURCES } from "./mesh/istio-mesh";
import { EgressGateway } from "./mesh/egress-gateway";
import { directTlsServiceEntry } from "./mesh/service-entries";
import { LogicalBackupTarget, MongoDbPlacement, perconaFootprint, perconaNetworkAllows, PerconaMongoDb, MONGODB_CLUSTER_NAME, OPERATOR_RELEASE } from "./mongodb/percona-mongodb";
import { multiplyQuantity, quotaFor } from "./resources";
import { AllowRule, inNamespace, tcp } from "./network-policies";
import { ImagePullSecret, NamespaceQuota, SecureNamespace } from "./secure-namespace";
import { SourceSettings } from "./sources";
import { ScheduledSnapshots, SnapshotScheduleSettings } from "./storage/scheduled-snapshots";
import { Tenant, tenantNamespace } from "./tenant";

export const PLATFORM_NAMESPACE = "platform";
export const DATA_NAMESPACE = "data";
/** MongoDB's port: the only way into the data namespace. */
export const MONGODB_PORT = 27017;

/**
 * Who may route which host through the shared gateway: the platform namespace its own name (domainName), each
 * tenant's namespace the tenant's hosts (validated unique and apart from domainName in settings/tenants.ts).
 */
export function ingressRoutes(domainName: string | undefined, tenants: readonly TenantSettings[]): GatewayRoute[] {
    return [
        ...(domainName ? [{ namespace: PLATFORM_NAMESPACE, hosts: [domainName] }] : []),
        ...tenants.filter((tenant) => tenant.hosts.length > 0).map((tenant) => ({ namespace: tenantNamespace(tenant.name), hosts: tenant.hosts })),
    ];
}

/**
 * The quota of the `platform` namespace, where the platform's own services run (deployed by their teams).
 * The other namespaces' quotas are sized from what runs in them (istio-mesh.ts meshQuotas, dataQuota).
 */
export const PLATFORM_QUOTA: NamespaceQuota = { cpu: "32", memory: "64Gi", pods: 300, storage: "100Gi" };

/**
 * The `data` namespace's quota: the Percona operator and every member at their largest, with their sidecars,
 * and twice the members' volumes (a restore or a resize creates new claims beside the old ones).
 */
export function dataQuota(members: number, storageSize: string, withBackups: boolean): NamespaceQuota {
    return quotaFor(perconaFootprint(members, withBackups, PROXY_RESOURCES), { storage: multiplyQuantity(storageSize, members * 2, "storage") });
}

/** Service account the MongoDB pods (and their backup agent) run as. */
export const MONGODB_SERVICE_ACCOUNT = "mongodb";
/**
 * Service account of the Percona operator, which deletes expired logical backups. The chart names it
 * after its full name, which is the release name when that contains the chart's name (chart
 * psmdb-operator 1.22.0: templates/_helpers.tpl `psmdb-operator.fullname`, templates/role-binding.yaml).
 */
export const MONGODB_OPERATOR_SERVICE_ACCOUNT = OPERATOR_RELEASE;
/** The Secret in the platform namespace holding the keystore. */
export const KEYSTORE_SECRET = "platform-keystore";
/** Daily logical backup, an hour after the volume backups start (UTC). */
export const LOGICAL_BACKUP_SCHEDULE = "0 4 * * *";

/** Labels on MongoDB's volume claims: snapshot schedules select the claims by them. */
export const DATA_CLAIM_LABELS = { "secure-platform.io/data": MONGODB_CLUSTER_NAME } as const;

/** Labels a platform pod carries to open tenant keys through the key service (its egress is admitted by them). */
export const TENANT_KEY_READER_LABELS: Readonly<Record<string, string>> = { "secure-platform/tenant-keys": "reader" };

export interface TenantKeyReader {
    readonly serviceAccount: string;
    /** Egress of the reader pods besides DNS (the credential endpoint, the key service's private endpoint). */
    readonly egress: readonly AllowRule[];
    /** Hosts of the key service the reader pods' sidecars may call (a ServiceEntry in the platform namespace). */
    readonly meshHosts: pulumi.Input<string[]>;
}

export interface KubernetesPlatformArgs {
    readonly config: CommonConfig;
    /** The cluster's Kubernetes minor version, e.g. "1.35": namespaces pin their Pod Security Standards to it. */
    readonly kubernetesVersion: string;
    /** Public name of the platform, a SAN of the gateway's certificate. @default none */
    readonly domainName?: string;
    readonly provider: k8s.Provider;
    readonly gateway: GatewayServiceSettings;
    /** Certificate and key the gateway presents. @default one issued by the internal CA */
    readonly gatewayCertificate?: ImportedCertificate;
    readonly keystore: Keystore;
    /** How tenant keys are sealed (KMS on AWS). @default AES key wrap under the keystore's root key */
    readonly tenantKeySealer?: TenantKeySealer;
    /**
     * The identity that opens sealed tenant keys, where opening them calls a key service (KMS on AWS): its service
     * account in the platform namespace, the egress its pods (labelled `TENANT_KEY_READER_LABELS`) need and the hosts
     * their sidecars may call.
     * @default none (on-prem the platform opens them with the root key, which needs no call out)
     */
    readonly tenantKeyReader?: TenantKeyReader;
    /** Where charts and images come from; a mirror replaces every upstream source. @default upstream */
    readonly sources?: SourceSettings;
    /** Nodes the cluster may grow to (the mesh's CNI node agent runs on each). */
    readonly maxNodes: number;
    /** How the mesh's CNI node agent fits the nodes. @default the cni chart's paths, no SELinux label */
    readonly cniNode?: CniNodeSettings;
    /** The `.dockerconfigjson` for `sources.pullSecretName`, created in every namespace that pulls. */
    readonly pullSecretDockerConfigJson?: pulumi.Input<string>;
    /** Egress the image-verification controller needs besides the API and registries (AWS: Pod Identity for a KMS key). @default none */
    readonly imageVerificationEgress?: readonly AllowRule[];
    /** Scheduled CSI snapshots of MongoDB's volumes (where no cloud backup service takes them). @default none */
    readonly snapshots?: SnapshotScheduleSettings;
    /** A StorageClass that encrypts at rest, for MongoDB's volumes. */
    readonly storageClassName: pulumi.Input<string>;
    readonly mongodb?: {
        readonly placement?: MongoDbPlacement;
        /** Where logical backups go; none when omitted. */
        readonly backup?: LogicalBackupTarget;
    };
    /**
     * Keep stateful objects (the database, its keys and credentials, and the `platform` and `data` namespaces
     * holding them) from `pulumi destroy` and from replacement. @default false
     */
    readonly protect?: boolean;
}

export class KubernetesPlatform extends pulumi.ComponentResource {
    readonly mesh: IstioMesh;
    readonly ca: InternalCa;
    readonly tenants: Tenant[];
    readonly mongodb: PerconaMongoDb;
    readonly snapshots?: ScheduledSnapshots;
    readonly imageVerification: ImageVerification;

    constructor(name: string, args: KubernetesPlatformArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("secure-platform:k8s:KubernetesPlatform", name, {}, { ...opts, providers: { kubernetes: args.provider } });
        const { config, kubernetesVersion } = args;
        const replicas = config.environment === "dev" ? 1 : 2;
        const tenantKeyReader = config.tenants.length > 0 ? args.tenantKeyReader : undefined;
        const sources = args.sources ?? {};
        const imagePullSecret: ImagePullSecret | undefined = sources.pullSecretName && args.pullSecretDockerConfigJson
            ? { name: sources.pullSecretName, dockerConfigJson: args.pullSecretDockerConfigJson }
            : undefined;
        const pulls = imagePullSecret ? { imagePullSecret } : {};

        this.ca = new InternalCa("internal-ca", { organization: `${config.project}-${config.stack}` }, { parent: this });
        const routes = ingressRoutes(args.domainName, config.tenants);
        const gatewayTls = args.gatewayCertificate
            ? { certPem: args.gatewayCertificate.certificatePem, privateKeyPem: pulumi.secret(args.gatewayCertificate.privateKeyPem) }
            : this.ca.issue("gateway", {
                commonName: `${GATEWAY_NAME}.${GATEWAY_NAMESPACE}.svc`,
                dnsNames: [
                    `${GATEWAY_NAME}.${GATEWAY_NAMESPACE}.svc`,
                    `${GATEWAY_NAME}.${GATEWAY_NAMESPACE}.svc.cluster.local`,
                    ...certificateNames(args.domainName, routes.flatMap((route) => route.hosts)),
                ],
            });

        this.mesh = new IstioMesh("mesh", {
            kubernetesVersion,
            sources,
            ...pulls,
            replicas,
            gateway: args.gateway,
            gatewayTls,
            routes,
            maxNodes: args.maxNodes,
            ...(args.cniNode ? { cniNode: args.cniNode } : {}),
        }, { parent: this });
        // Pods in the platform, data and tenant namespaces run only signed or digest-pinned images.
        this.imageVerification = new ImageVerification("image-verification", {
            kubernetesVersion,
            ...(config.imageVerification ? { settings: config.imageVerification } : {}),
            namespaces: [PLATFORM_NAMESPACE, DATA_NAMESPACE, ...config.tenants.map((tenant) => tenantNamespace(tenant.name))],
            replicas,
            sources,
            ...pulls,
            ...(args.imageVerificationEgress ? { egress: args.imageVerificationEgress } : {}),
        }, { parent: this });
        const meshReady = { parent: this, dependsOn: [...this.mesh.ready, ...this.imageVerification.ready] };

        const fromGateway = { name: "gateway", direction: "Ingress" as const, peers: [inNamespace(GATEWAY_NAMESPACE)] };
        const platform = new SecureNamespace(PLATFORM_NAMESPACE, {
            name: PLATFORM_NAMESPACE,
            kubernetesVersion,
            quota: PLATFORM_QUOTA,
            // Deleting the namespace deletes the keystore and credentials in it, whatever protects their resources.
            protect: args.protect,
            verifyImages: true,
            ...pulls,
            allows: [
                fromGateway,
                { name: "mongodb", direction: "Egress", peers: [inNamespace(DATA_NAMESPACE)], ports: tcp(MONGODB_PORT) },
                ...(tenantKeyReader ? tenantKeyReader.egress.map((rule) => ({ ...rule, name: `tenant-keys-${rule.name}`, podLabels: { ...TENANT_KEY_READER_LABELS, ...rule.podLabels } })) : []),
            ],
        }, meshReady);
        if (tenantKeyReader) {
            // Pod Identity hands this account's pods the reader role (aws-platform.ts); its token is projected by EKS,
            // not automounted.
            new k8s.core.v1.ServiceAccount(`${PLATFORM_NAMESPACE}-${tenantKeyReader.serviceAccount}`, {
                metadata: { name: tenantKeyReader.serviceAccount, namespace: PLATFORM_NAMESPACE },
                automountServiceAccountToken: false,
            }, { parent: this, dependsOn: [platform] });
            directTlsServiceEntry(`${PLATFORM_NAMESPACE}-tenant-key-service`, { namespace: PLATFORM_NAMESPACE, name: "tenant-key-service", hosts: tenantKeyReader.meshHosts }, { parent: this, dependsOn: [platform] });
        }
        allowFromNamespaces(`${PLATFORM_NAMESPACE}-allow-mesh-peers`, PLATFORM_NAMESPACE, "allow-mesh-peers", [GATEWAY_NAMESPACE, PLATFORM_NAMESPACE], { parent: this, dependsOn: [platform, ...this.mesh.ready] });

        const data = new SecureNamespace(DATA_NAMESPACE, {
            name: DATA_NAMESPACE,
            kubernetesVersion,
            quota: dataQuota(config.data.mongodb.members, config.data.mongodb.storageSize, args.mongodb?.backup !== undefined),
            // Deleting the namespace deletes what the operator and snapscheduler created in it, which no Pulumi
            // resource holds: the members' volume claims (and, with a Delete reclaim policy, their volumes) and
            // the VolumeSnapshots (and, with a Delete deletion policy, the snapshots). So it is protected in prod,
            // and `pulumi destroy` leaves it in the cluster everywhere: removing the data is a separate, deliberate
            // `kubectl delete namespace data`.
            protect: args.protect,
            retainOnDelete: true,
            verifyImages: true,
            ...pulls,
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
            sources,
            serviceAccountName: MONGODB_SERVICE_ACCOUNT,
            claimLabels: DATA_CLAIM_LABELS,
            clientNamespace: PLATFORM_NAMESPACE,
            ...(args.mongodb?.placement ? { placement: args.mongodb.placement } : {}),
            ...(args.mongodb?.backup ? { backup: { ...args.mongodb.backup, schedule: LOGICAL_BACKUP_SCHEDULE, keep: config.data.backup.retentionDays } } : {}),
            ...(config.data.restore ? { restore: config.data.restore } : {}),
            protect: args.protect,
        }, { parent: this, dependsOn: [data, platform, ...this.mesh.ready, ...this.imageVerification.ready] });

        if (args.snapshots) {
            this.snapshots = new ScheduledSnapshots("snapshots", {
                kubernetesVersion,
                namespace: DATA_NAMESPACE,
                claimLabels: DATA_CLAIM_LABELS,
                settings: args.snapshots,
                sources,
                ...pulls,
            }, { parent: this, dependsOn: [data] });
        }

        this.tenants = config.tenants.map((tenant) => new Tenant(`tenant-${tenant.name}`, {
            tenant,
            kubernetesVersion,
            meshReady: this.mesh.ready,
            ...pulls,
            keyStore: { namespace: PLATFORM_NAMESPACE, sealer: args.tenantKeySealer ?? rootKeySealer(args.keystore.rootKey), dependsOn: [platform], protect: args.protect ?? false },
        }, { parent: this }));

        // Every call to an external host leaves through the egress gateway, from the namespaces the stack names.
        new EgressGateway("egress", {
            kubernetesVersion,
            sources,
            ...pulls,
            replicas,
            // The stack's hosts, and the off-cluster backup store when the variant names one.
            hosts: [...config.mesh.egress.hosts, ...(args.mongodb?.backup?.egressGatewayHosts ?? [])],
            privateDestinations: config.mesh.egress.privateDestinations,
            ...(args.gateway.nodeSelector ? { nodeSelector: args.gateway.nodeSelector } : {}),
            meshReady: this.mesh.ready,
            clientNamespaces: [platform, data, ...this.tenants.map((tenant) => tenant.namespace)],
        }, { parent: this });

        this.registerOutputs({});
    }
}

