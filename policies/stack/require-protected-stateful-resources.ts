import { ENVIRONMENT_SCOPE_CONFIG, EnvironmentScope, inScope } from "../lib/environment";
import { dataMembers, PERCONA_MONGODB_TYPES, storageClassOf } from "../lib/percona";
import { defineStackRule } from "../lib/rule";
import { STORAGE_CLASS_TYPE } from "../lib/storage-class";
import { ofType } from "../lib/values";

const NAMESPACE_TYPE = "kubernetes:core/v1:Namespace";

/** Resources whose deletion loses data, keys or the means to read backups. */
export const DEFAULT_STATEFUL_TYPES = [
    "aws:kms/key:Key",
    "aws:secretsmanager/secret:Secret",
    "aws:backup/vault:Vault",
    "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:ebs/volume:Volume",
    "kubernetes:core/v1:PersistentVolumeClaim",
    ...PERCONA_MONGODB_TYPES,
    // Data stores teams add beside the platform.
    "aws:rds/instance:Instance",
    "aws:rds/cluster:Cluster",
    "aws:dynamodb/table:Table",
    "aws:efs/fileSystem:FileSystem",
    "aws:opensearch/domain:Domain",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:ecr/repository:Repository",
];

export default defineStackRule<EnvironmentScope & { statefulTypes: string[] }>({
    name: "require-protected-stateful-resources",
    description: "In production every stateful resource (KMS keys, secrets, backup vaults, buckets, volumes, file systems, databases, tables, search domains, caches, image repositories, database resources and the namespaces they live in) must be protected from deletion and replacement by Pulumi, and the storage classes of databases must retain their volumes.",
    severity: "high",
    controls: ["FSBP KMS.3"],
    remediation: "Set the `protect: true` resource option on the resource (and on the Namespace a database lives in, and `reclaimPolicy: Retain` on the database's StorageClass); to remove one on purpose, unprotect it first with `pulumi state unprotect`.",
    config: {
        ...ENVIRONMENT_SCOPE_CONFIG,
        statefulTypes: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_STATEFUL_TYPES,
            description: "Type tokens of the resources that must be protected.",
        },
    },
    validate(resources, { config }, report) {
        if (!inScope(config).applies) {
            return;
        }
        for (const resource of resources) {
            if (config.statefulTypes.includes(resource.type) && resource.opts.protect !== true) {
                report(resource, `${resource.type} ${resource.name} is not protected: a pulumi destroy, or a change that replaces it, deletes it.`);
            }
        }
        const databases = PERCONA_MONGODB_TYPES.flatMap((type) => ofType(resources, type));
        // Deleting a namespace deletes everything in it, the volume claims the operator created included, whatever
        // protects the resources Pulumi holds there.
        const databaseNamespaces = new Set(databases.map((db) => db.props.metadata?.namespace));
        for (const namespace of ofType(resources, NAMESPACE_TYPE)) {
            if (databaseNamespaces.has(namespace.props.metadata?.name) && namespace.opts.protect !== true) {
                report(namespace, `Namespace ${namespace.props.metadata?.name} holds a database resource and is not protected: deleting or replacing it deletes the database's volume claims and everything else in it.`);
            }
        }
        const classes = new Set(databases.flatMap((db) => dataMembers(db.props).map((members) => storageClassOf(members.spec))));
        for (const storageClass of ofType(resources, STORAGE_CLASS_TYPE)) {
            if (classes.has(storageClass.props.metadata?.name) && storageClass.props.reclaimPolicy !== "Retain") {
                report(storageClass, `StorageClass ${storageClass.props.metadata?.name} holds database volumes with reclaimPolicy ${storageClass.props.reclaimPolicy ?? "Delete (the default)"}: deleting a claim deletes the volume.`);
            }
        }
    },
});
