import { defineResourceRule } from "../../lib/rule";
import { isAwsManagedKey } from "../../lib/kms-keys";

const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:elasticache/cluster:Cluster";

/**
 * Valkey and Redis OSS encrypt at rest only in a replication group; a standalone node-based cache cluster
 * of theirs cannot. Memcached node-based clusters cannot encrypt at rest at all and are left to a team's
 * judgement (they hold no durable data); serverless caches are always encrypted.
 */
export default defineResourceRule<{ requireCustomerManagedKey: boolean }>({
    name: "require-elasticache-encryption-at-rest",
    description: "ElastiCache (Valkey and Redis OSS) replication groups must encrypt data at rest, and their caches must not be standalone node-based clusters, which cannot.",
    severity: "medium",
    controls: ["FSBP ElastiCache.4"],
    remediation: "Set `atRestEncryptionEnabled: true` (with `kmsKeyId` for a customer-managed key) on the aws.elasticache.ReplicationGroup, and create a Valkey or Redis OSS cache as a ReplicationGroup (or an aws.elasticache.ServerlessCache), not as a standalone aws.elasticache.Cluster. Encryption at rest is chosen at creation.",
    config: {
        requireCustomerManagedKey: {
            type: "boolean",
            default: false,
            description: "Also require `kmsKeyId` to name a customer-managed key on replication groups and serverless caches (FSBP ElastiCache.4 accepts the service-managed key).",
        },
    },
    resourceTypes: [REPLICATION_GROUP, CLUSTER, "aws:elasticache/serverlessCache:ServerlessCache"],
    validate(props, { type, config }, report) {
        if (type === CLUSTER) {
            const engine = props.engine;
            if ((engine === "redis" || engine === "valkey") && (props.replicationGroupId === undefined || props.replicationGroupId === "")) {
                report(`The standalone ${engine} cache cluster cannot encrypt data at rest; expected a ReplicationGroup with atRestEncryptionEnabled: true (or a ServerlessCache).`);
            }
            return;
        }
        if (type === REPLICATION_GROUP) {
            const enabled = props.atRestEncryptionEnabled;
            // Valkey replication groups are encrypted at rest unless told otherwise; Redis OSS ones are not.
            if (enabled === false || (enabled === undefined && props.engine !== "valkey")) {
                report(`atRestEncryptionEnabled is ${enabled === undefined ? "not set (the default is false for Redis OSS)" : "false"}: the cache's data on disk, its swap and its backups in S3 are unencrypted; expected atRestEncryptionEnabled: true.`);
                return;
            }
        }
        if (config.requireCustomerManagedKey) {
            const key = props.kmsKeyId;
            if (typeof key !== "string" || key === "" || isAwsManagedKey(key)) {
                report(`The cache is encrypted with ${typeof key === "string" && key !== "" ? key : "the service-managed key (no kmsKeyId)"}; expected kmsKeyId naming a customer-managed key.`);
            }
        }
    },
});
