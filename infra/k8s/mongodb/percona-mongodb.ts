/**
 * MongoDB through the Percona Operator for MongoDB: the operator (its Helm chart, pinned, watching only
 * its own namespace) and one `PerconaServerMongoDB` replica set with
 * - TLS required on every connection, with server and intra-cluster certificates from the internal CA
 *   whose SANs name every member;
 * - keyfile authentication between members (the operator's default) and generated passwords for every
 *   system user and the platform's application user;
 * - encryption at rest with a generated 256-bit key;
 * - PSS-restricted pods on the nodes the variant reserves for data, volumes from an encrypting
 *   StorageClass, and optional logical backups (Percona Backup for MongoDB) to S3-compatible storage, with
 *   point-in-time recovery from oplog slices on the same storage, and a restore from them when asked.
 * Runs on any cluster; the variant passes storage, placement and backup target.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { InternalCa, LeafCertificate } from "../../secrets/internal-ca";
import type { EgressHost } from "../../settings/mesh";
import { PERCONA_MONGODB } from "../../versions";
import { directTlsServiceEntry } from "../mesh/service-entries";
import type { AllowRule } from "../network-policies";
import { tcp } from "../network-policies";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../pod-security";
import { ContainerResources, PodFootprint, resourceValues, withRollingSurge } from "../resources";
import { chartFrom, imageFrom, pullSecrets, SourceSettings } from "../sources";
import { RestoreRequest, restoreManifest } from "./restore";

export const MONGODB_CLUSTER_NAME = "mongodb";
export const REPLSET_NAME = "rs0";
/** The uid Percona's images run as. */
export const PERCONA_UID = 1001;
/** Bytes of the encryption-at-rest key: AES-256. */
export const ENCRYPTION_KEY_BYTES = 32;
export const PASSWORD_LENGTH = 32;
export const OPERATOR_RELEASE = "psmdb-operator";
/** The name of the one backup storage in `spec.backup.storages` (restores name it in `storageName`). */
export const LOGICAL_STORAGE_NAME = "logical";
/** The release of the operator's CustomResourceDefinitions (chart `psmdb-operator-crds`). */
export const CRDS_RELEASE = "psmdb-operator-crds";

/** The system users the operator manages, by the key prefix it reads from the users Secret. */
export const SYSTEM_USERS = {
    MONGODB_BACKUP: "backup",
    MONGODB_DATABASE_ADMIN: "databaseAdmin",
    MONGODB_CLUSTER_ADMIN: "clusterAdmin",
    MONGODB_CLUSTER_MONITOR: "clusterMonitor",
    MONGODB_USER_ADMIN: "userAdmin",
} as const;

/** The application user the platform connects as: read and write its own database only. */
export const APPLICATION_USER = { name: "platform", db: "platform", roles: [{ name: "readWrite", db: "platform" }] } as const;

/** Labels the operator puts on the replica set's pods. */
export function mongodPodLabels(clusterName: string): Record<string, string> {
    return { "app.kubernetes.io/instance": clusterName, "app.kubernetes.io/component": "mongod" };
}

/** Labels of the operator's own pod (from its chart). */
export const OPERATOR_POD_LABELS = { "app.kubernetes.io/name": OPERATOR_RELEASE } as const;

/**
 * Every DNS name a client or another member uses to reach the replica set: the service in its short and
 * qualified forms, each member's pod name under the headless service, and localhost (the operator's
 * probes connect locally).
 */
export function replicaSetDnsNames(clusterName: string, namespace: string, members: number): string[] {
    const service = `${clusterName}-${REPLSET_NAME}`;
    const qualified = (host: string) => [host, `${host}.${namespace}`, `${host}.${namespace}.svc`, `${host}.${namespace}.svc.cluster.local`];
    const memberNames = Array.from({ length: members }, (_, i) => qualified(`${service}-${i}.${service}`));
    return [...qualified(service), ...memberNames.flat(), ...Array.from({ length: members }, (_, i) => `${service}-${i}`), "localhost"];
}

export interface MongoDbPlacement {
    readonly nodeSelector?: Readonly<Record<string, string>>;
    readonly tolerations?: readonly k8s.types.input.core.v1.Toleration[];
}

/** Where logical backups go: a PBM storage definition and what the backup agent needs to reach it. */
export interface LogicalBackupTarget {
    /** The `backup.storages.<name>` entry of the resource, e.g. `{type: "s3", s3: {...}}`. */
    readonly storage: pulumi.Input<Record<string, unknown>>;
    /**
     * Network egress the pods that reach the storage need (object storage, credential endpoints): the
     * MongoDB pods, whose backup agent writes backups, and the operator, which deletes expired ones.
     */
    readonly egress: readonly AllowRule[];
    /**
     * Hosts registered with the mesh (a ServiceEntry of this namespace, port 443) so the pods' sidecars may
     * call them directly under REGISTRY_ONLY: hosts the egress gateway does not carry (AWS APIs behind VPC
     * endpoints). @default none
     */
    readonly meshHosts?: pulumi.Input<readonly string[]>;
    /** Hosts the platform's egress gateway routes for the pods (the variant adds them to its hosts). @default none */
    readonly egressGatewayHosts?: readonly EgressHost[];
    /** Secrets the storage definition names (credentials, CA bundle), created in the component's namespace. @default none */
    readonly secrets?: readonly BackupStorageSecret[];
    /** Annotations of those pods (e.g. to keep a link-local credential endpoint out of the sidecar). */
    readonly podAnnotations?: Readonly<Record<string, string>>;
}

/** A Secret a backup storage reads (`credentialsSecret`, `caBundle`). */
export interface BackupStorageSecret {
    readonly name: string;
    readonly stringData: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Point-in-time recovery: PBM copies the oplog to the backup storage in slices of this many minutes, so a
 * restore can reach any second up to the last slice (operator v1.22.0 `spec.backup.pitr.oplogSpanMin`, PBM's
 * default too). Slicing starts only once a full backup exists, on a new cluster and again after a restore
 * (docs.percona.com/percona-operator-for-mongodb/backups-pitr.html, "Preconditions"), and needs exactly one
 * storage (v1.22.0 `BackupSpec.IsPITREnabled`: `len(b.Storages) != 1` turns it off).
 */
export const PITR_OPLOG_SPAN_MINUTES = 10;

export interface PerconaMongoDbArgs {
    readonly namespace: string;
    readonly members: number;
    /** Per-member volume size, e.g. "100Gi". */
    readonly storageSize: string;
    /** A StorageClass that encrypts at rest. */
    readonly storageClassName: pulumi.Input<string>;
    readonly ca: InternalCa;
    /** Where the operator chart and every image come from. @default upstream */
    readonly sources?: SourceSettings;
    readonly placement?: MongoDbPlacement;
    /** Service account of the MongoDB pods; the backup agent runs in them and writes backups as this identity. */
    readonly serviceAccountName: string;
    readonly backup?: LogicalBackupTarget & {
        /** Cron schedule of the daily logical backup (UTC). */
        readonly schedule: string;
        /** How many logical backups are kept. */
        readonly keep: number;
    };
    /** Namespace the application credentials are copied to (the platform's). */
    readonly clientNamespace: string;
    /** Labels on every member's PersistentVolumeClaim (snapshot schedules select claims by them). @default none */
    readonly claimLabels?: Readonly<Record<string, string>>;
    /** Keep the database resource, its Secrets and its keys from `pulumi destroy` (prod). @default false */
    readonly protect?: boolean;
    /** A restore from a logical backup (and PITR) to run; needs `backup`. @default none */
    readonly restore?: RestoreRequest;
}

/** The network rules the data namespace needs for this component. */
export function perconaNetworkAllows(clusterName: string, backupEgress: readonly AllowRule[] = []): AllowRule[] {
    return [
        { name: "operator-kube-api", direction: "Egress", podLabels: { ...OPERATOR_POD_LABELS }, ports: tcp(443, 6443) },
        ...backupEgress.map((rule) => ({ ...rule, podLabels: { ...mongodPodLabels(clusterName), ...rule.podLabels } })),
        // The operator deletes expired backups from the storage itself (operator v1.22.0,
        // pkg/controller/perconaservermongodbbackup: the delete-backup finalizer → pbm.DeleteBackup).
        ...backupEgress.map((rule) => ({ ...rule, name: `operator-${rule.name}`, podLabels: { ...OPERATOR_POD_LABELS, ...rule.podLabels } })),
    ];
}

/** mongod in each member. */
export const MONGOD_RESOURCES: ContainerResources = { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } };
/**
 * The backup agent beside mongod in each member (operator 1.22.0 gives it `backup.resources` and nothing by
 * default, pkg/psmdb/statefulset.go); a logical backup streams the dump through it.
 */
export const BACKUP_AGENT_RESOURCES: ContainerResources = { requests: { cpu: "300m", memory: "1Gi" }, limits: { cpu: "1", memory: "2Gi" } };
/** The operator (its chart sets no resources by default). */
export const OPERATOR_RESOURCES: ContainerResources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } };

/**
 * Every pod this component runs in its namespace, at its largest, with the sidecar each gets from the mesh:
 * the operator (one replica, plus one during its rollout) and each member (mongod, the backup agent when
 * backups are on, the sidecar). A member's init container runs before the others and takes mongod's
 * resources, so it adds nothing to the pod's total. The members' volumes count twice: a restore or a
 * resize creates new claims while the old ones still exist.
 */
export function perconaFootprint(members: number, withBackups: boolean, sidecar: ContainerResources): PodFootprint[] {
    return [
        { pods: withRollingSurge(1), containers: [OPERATOR_RESOURCES, sidecar] },
        { pods: members, containers: [MONGOD_RESOURCES, ...(withBackups ? [BACKUP_AGENT_RESOURCES] : []), sidecar] },
    ];
}

/** The uid the operator image runs as (the chart's suggested security context). */
export const OPERATOR_UID = 2;

/**
 * The operator chart's values: one namespace, PSS-restricted pod, no telemetry calls out; `podAnnotations`
 * go on its pod (the chart's `podAnnotations` value).
 */
export function operatorValues(sources: SourceSettings = {}, podAnnotations?: Readonly<Record<string, string>>): Record<string, unknown> {
    const operatorImage = imageFrom(PERCONA_MONGODB.operatorImage, sources);
    const tag = operatorImage.lastIndexOf(":");
    return {
        image: { repository: operatorImage.slice(0, tag), tag: operatorImage.slice(tag + 1) },
        imagePullSecrets: pullSecrets(sources),
        // No `watchNamespace`: the chart then watches its release namespace with a namespaced Role. Any
        // non-empty watchNamespace makes it create a ClusterRole and ClusterRoleBinding, which would let the
        // operator read Secrets and exec into pods in every namespace (chart psmdb-operator 1.22.0,
        // templates/role.yaml and role-binding.yaml: `if or .Values.watchNamespace .Values.watchAllNamespaces`).
        watchAllNamespaces: false,
        replicaCount: 1,
        resources: resourceValues(OPERATOR_RESOURCES),
        disableTelemetry: true,
        podSecurityContext: { ...RESTRICTED_POD_SECURITY_CONTEXT, runAsUser: OPERATOR_UID, runAsGroup: OPERATOR_UID, fsGroup: OPERATOR_UID },
        securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, runAsUser: OPERATOR_UID, runAsGroup: OPERATOR_UID },
        ...(podAnnotations ? { podAnnotations: { ...podAnnotations } } : {}),
    };
}

/** The pod and container security contexts of every MongoDB pod: PSS restricted under Percona's uid. */
export const MONGODB_POD_SECURITY_CONTEXT = { ...RESTRICTED_POD_SECURITY_CONTEXT, runAsUser: PERCONA_UID, runAsGroup: PERCONA_UID, fsGroup: PERCONA_UID };
/** mongod writes its lock and socket files under /tmp and /data/db, so the root filesystem stays writable. */
export const MONGODB_CONTAINER_SECURITY_CONTEXT = { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, readOnlyRootFilesystem: false, runAsUser: PERCONA_UID, runAsGroup: PERCONA_UID };

export interface MongoDbSecretNames {
    readonly users: string;
    readonly encryptionKey: string;
    readonly ssl: string;
    readonly sslInternal: string;
    readonly applicationUser: string;
}

/**
 * The images of the replica set's pods, as nodes pull them: mongod, the init container (the operator's image,
 * which copies its entrypoint into the pod) and, with logical backups, the backup agent.
 */
export function replicaSetImages(sources: SourceSettings, withBackups: boolean): string[] {
    return [
        imageFrom(PERCONA_MONGODB.mongodImage, sources),
        imageFrom(PERCONA_MONGODB.operatorImage, sources),
        ...(withBackups ? [imageFrom(PERCONA_MONGODB.backupImage, sources)] : []),
    ];
}

/** The `PerconaServerMongoDB` spec; pure, so its security settings can be tested directly. */
export function perconaSpec(args: Pick<PerconaMongoDbArgs, "members" | "storageSize" | "placement" | "serviceAccountName" | "backup" | "sources" | "claimLabels"> & {
    readonly storageClassName: string;
    readonly secrets: MongoDbSecretNames;
    readonly backupStorage?: Record<string, unknown>;
}): Record<string, unknown> {
    const backup = args.backup;
    const sources = args.sources ?? {};
    const secrets = pullSecrets(sources);
    return {
        crVersion: PERCONA_MONGODB.crVersion,
        image: imageFrom(PERCONA_MONGODB.mongodImage, sources),
        // The init container copies the operator's entrypoint into each pod: the operator's own image.
        initImage: imageFrom(PERCONA_MONGODB.operatorImage, sources),
        imagePullPolicy: "IfNotPresent",
        ...(secrets.length > 0 ? { imagePullSecrets: secrets } : {}),
        // Versions change only through this program, never by the operator on its own.
        upgradeOptions: { apply: "disabled" },
        updateStrategy: "SmartUpdate",
        unsafeFlags: { tls: false, replsetSize: args.members === 1 },
        tls: { mode: "requireTLS", allowInvalidCertificates: false },
        secrets: {
            users: args.secrets.users,
            encryptionKey: args.secrets.encryptionKey,
            ssl: args.secrets.ssl,
            sslInternal: args.secrets.sslInternal,
        },
        // The CRD requires `pmm.image` even with monitoring off; it is never pulled.
        pmm: { enabled: false, image: imageFrom(PERCONA_MONGODB.pmmClientImage, sources) },
        initContainerSecurityContext: MONGODB_CONTAINER_SECURITY_CONTEXT,
        replsets: [{
            name: REPLSET_NAME,
            size: args.members,
            serviceAccountName: args.serviceAccountName,
            // Encryption at rest with the key from `secrets.encryptionKey` (AES256-GCM).
            configuration: "security:\n  enableEncryption: true\n  encryptionCipherMode: AES256-GCM\n",
            affinity: { antiAffinityTopologyKey: "kubernetes.io/hostname" },
            ...(args.placement?.nodeSelector ? { nodeSelector: { ...args.placement.nodeSelector } } : {}),
            ...(args.placement?.tolerations ? { tolerations: [...args.placement.tolerations] } : {}),
            ...(backup?.podAnnotations ? { annotations: { ...backup.podAnnotations } } : {}),
            podDisruptionBudget: { maxUnavailable: 1 },
            expose: { enabled: false },
            resources: resourceValues(MONGOD_RESOURCES),
            podSecurityContext: MONGODB_POD_SECURITY_CONTEXT,
            containerSecurityContext: MONGODB_CONTAINER_SECURITY_CONTEXT,
            volumeSpec: {
                persistentVolumeClaim: {
                    storageClassName: args.storageClassName,
                    ...(args.claimLabels ? { labels: { ...args.claimLabels } } : {}),
                    accessModes: ["ReadWriteOnce"],
                    resources: { requests: { storage: args.storageSize } },
                },
            },
        }],
        sharding: { enabled: false },
        users: [{
            name: APPLICATION_USER.name,
            db: APPLICATION_USER.db,
            passwordSecretRef: { name: args.secrets.applicationUser, key: "password" },
            roles: APPLICATION_USER.roles.map((role) => ({ ...role })),
        }],
        backup: backup && args.backupStorage
            ? {
                enabled: true,
                image: imageFrom(PERCONA_MONGODB.backupImage, sources),
                resources: resourceValues(BACKUP_AGENT_RESOURCES),
                containerSecurityContext: MONGODB_CONTAINER_SECURITY_CONTEXT,
                storages: { [LOGICAL_STORAGE_NAME]: args.backupStorage },
                pitr: { enabled: true, oplogSpanMin: PITR_OPLOG_SPAN_MINUTES, compressionType: "gzip" },
                tasks: [{
                    name: "daily-logical",
                    enabled: true,
                    schedule: backup.schedule,
                    // `keep` is deprecated since crVersion 1.21.0; the operator deletes older backups from storage too.
                    retention: { type: "count", count: backup.keep, deleteFromStorage: true },
                    storageName: LOGICAL_STORAGE_NAME,
                    type: "logical",
                    compressionType: "gzip",
                }],
            }
            // The CRD requires `backup.image` whenever `backup` is present, enabled or not.
            : { enabled: false, image: imageFrom(PERCONA_MONGODB.backupImage, sources) },
    };
}

export class PerconaMongoDb extends pulumi.ComponentResource {
    readonly resource: k8s.apiextensions.CustomResource;
    readonly serverCertificate: LeafCertificate;
    readonly internalCertificate: LeafCertificate;
    /** Host clients connect to (the replica set service). */
    readonly host: string;

    constructor(name: string, args: PerconaMongoDbArgs, opts: pulumi.ComponentResourceOptions = {}) {
        if (![1, 3, 5, 7].includes(args.members)) {
            throw new Error(`PerconaMongoDb: members must be 1, 3, 5 or 7, got ${args.members}`);
        }
        if (args.restore && !args.backup) {
            throw new Error("PerconaMongoDb: restore needs backup: the operator restores only from a logical backup storage");
        }
        if (!/^[1-9]\d*(Gi|Ti)$/.test(args.storageSize)) {
            throw new Error(`PerconaMongoDb: storageSize must be a size like "100Gi", got ${JSON.stringify(args.storageSize)}`);
        }
        super("secure-platform:k8s:PerconaMongoDb", name, {}, opts);
        const ns = args.namespace;
        const cluster = MONGODB_CLUSTER_NAME;
        const kept = { parent: this, protect: args.protect };
        this.host = `${cluster}-${REPLSET_NAME}.${ns}.svc.cluster.local`;

        // The CRDs from their own chart, so a version bump upgrades them: Helm installs a chart's `crds/`
        // folder once and never upgrades it (chart psmdb-operator 1.22.0 README, "Upgrading CRDs").
        // Uninstalling this release deletes the CRDs and with them every database resource, so a
        // `pulumi destroy` leaves it in the cluster.
        const crds = new k8s.helm.v3.Release(`${name}-crds`, {
            name: CRDS_RELEASE,
            ...chartFrom(PERCONA_MONGODB.crdChart, PERCONA_MONGODB.repository, args.sources ?? {}),
            version: PERCONA_MONGODB.chartVersion,
            namespace: ns,
            atomic: true,
            cleanupOnFail: true,
            maxHistory: 10,
            timeout: 600,
        }, { parent: this, protect: args.protect, retainOnDelete: true });
        const operator = new k8s.helm.v3.Release(`${name}-operator`, {
            name: OPERATOR_RELEASE,
            ...chartFrom(PERCONA_MONGODB.chart, PERCONA_MONGODB.repository, args.sources ?? {}),
            version: PERCONA_MONGODB.chartVersion,
            namespace: ns,
            values: operatorValues(args.sources, args.backup?.podAnnotations),
            // The CRDs come from the release above.
            skipCrds: true,
            atomic: true,
            cleanupOnFail: true,
            maxHistory: 10,
            timeout: 600,
        }, { parent: this, dependsOn: [crds] });

        new k8s.core.v1.ServiceAccount(`${name}-service-account`, {
            metadata: { name: args.serviceAccountName, namespace: ns },
            automountServiceAccountToken: false,
        }, { parent: this });

        const password = (user: string) => new random.RandomPassword(`${name}-${user}-password`, {
            length: PASSWORD_LENGTH,
            // Passwords end up in connection strings: letters and digits only, no escaping needed.
            special: false,
            minLower: 4,
            minUpper: 4,
            minNumeric: 4,
        }, { parent: this });

        const userEntries = Object.entries(SYSTEM_USERS).map(([prefix, user]) => [prefix, user, password(user).result] as const);
        const secrets: MongoDbSecretNames = {
            users: `${cluster}-users`,
            encryptionKey: `${cluster}-encryption-key`,
            ssl: `${cluster}-ssl`,
            sslInternal: `${cluster}-ssl-internal`,
            applicationUser: `${cluster}-${APPLICATION_USER.name}-user`,
        };
        const users = new k8s.core.v1.Secret(`${name}-users`, {
            metadata: { name: secrets.users, namespace: ns },
            type: "Opaque",
            stringData: pulumi.secret(pulumi.all(userEntries.map(([, , result]) => result)).apply((results) => Object.fromEntries(
                userEntries.flatMap(([prefix, user], i) => [[`${prefix}_USER`, user], [`${prefix}_PASSWORD`, results[i]]]),
            ))),
        }, kept);

        const encryptionKey = new random.RandomBytes(`${name}-encryption-key`, { length: ENCRYPTION_KEY_BYTES }, kept);
        const keySecret = new k8s.core.v1.Secret(`${name}-encryption-key`, {
            metadata: { name: secrets.encryptionKey, namespace: ns },
            type: "Opaque",
            stringData: { "encryption-key": pulumi.secret(encryptionKey.base64) },
        }, kept);

        const dnsNames = replicaSetDnsNames(cluster, ns, args.members);
        // Both certificates are presented by members to each other, so they carry client authentication.
        this.serverCertificate = args.ca.issue(`${name}-server`, { commonName: `${cluster}-${REPLSET_NAME}.${ns}.svc.cluster.local`, dnsNames, clientAuth: true });
        this.internalCertificate = args.ca.issue(`${name}-internal`, { commonName: `${cluster}-${REPLSET_NAME}.${ns}.svc.cluster.local`, dnsNames, clientAuth: true });
        const tlsSecret = (logical: string, secretName: string, cert: LeafCertificate) => new k8s.core.v1.Secret(logical, {
            metadata: { name: secretName, namespace: ns },
            type: "kubernetes.io/tls",
            stringData: { "ca.crt": cert.caCertPem, "tls.crt": cert.certPem, "tls.key": cert.privateKeyPem },
        }, kept);
        const ssl = tlsSecret(`${name}-ssl`, secrets.ssl, this.serverCertificate);
        const sslInternal = tlsSecret(`${name}-ssl-internal`, secrets.sslInternal, this.internalCertificate);

        const applicationPassword = password(APPLICATION_USER.name).result;
        const applicationUser = new k8s.core.v1.Secret(`${name}-application-user`, {
            metadata: { name: secrets.applicationUser, namespace: ns },
            type: "Opaque",
            stringData: { password: pulumi.secret(applicationPassword) },
        }, kept);
        // What the platform's services connect with, in their own namespace.
        new k8s.core.v1.Secret(`${name}-client-credentials`, {
            metadata: { name: "mongodb-credentials", namespace: args.clientNamespace },
            type: "Opaque",
            stringData: {
                username: APPLICATION_USER.name,
                password: pulumi.secret(applicationPassword),
                host: this.host,
                replicaSet: REPLSET_NAME,
                database: APPLICATION_USER.db,
                "ca.crt": args.ca.certPem,
            },
        }, kept);

        let backupStorage: pulumi.Output<Record<string, unknown> | undefined> = pulumi.output(undefined);
        const backupSecrets: k8s.core.v1.Secret[] = [];
        if (args.backup) {
            backupStorage = pulumi.output(args.backup.storage) as pulumi.Output<Record<string, unknown> | undefined>;
            for (const secret of args.backup.secrets ?? []) {
                backupSecrets.push(new k8s.core.v1.Secret(`${name}-${secret.name}`, {
                    metadata: { name: secret.name, namespace: ns },
                    type: "Opaque",
                    stringData: secret.stringData,
                }, { parent: this }));
            }
        }
        if (args.backup?.meshHosts) {
            directTlsServiceEntry(`${name}-backup-egress`, { namespace: ns, name: "logical-backup-storage", hosts: args.backup.meshHosts }, { parent: this });
        }

        const spec = pulumi.all([pulumi.output(args.storageClassName), backupStorage]).apply(([storageClassName, storage]) => perconaSpec({
            ...args,
            storageClassName,
            secrets,
            ...(storage ? { backupStorage: storage } : {}),
        }));
        this.resource = new k8s.apiextensions.CustomResource(`${name}-cluster`, {
            apiVersion: "psmdb.percona.com/v1",
            kind: "PerconaServerMongoDB",
            metadata: { name: cluster, namespace: ns },
            spec,
        }, { ...kept, dependsOn: [operator, users, keySecret, ssl, sslInternal, applicationUser, ...backupSecrets] });

        if (args.restore) {
            const { apiVersion, kind, metadata, spec } = restoreManifest(args.restore, cluster, ns);
            new k8s.apiextensions.CustomResource(`${name}-restore`, {
                apiVersion: apiVersion as string,
                kind: kind as string,
                metadata: metadata as k8s.types.input.meta.v1.ObjectMeta,
                spec,
            }, { parent: this, dependsOn: [this.resource] });
        }

        this.registerOutputs({ host: this.host });
    }
}
