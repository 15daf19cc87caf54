import { ruleCases, unknown } from "../../../harness/policy-cases";
import { memberCluster, memcached, replicationGroup, serverless } from "./baseline";

const cmk = { "require-elasticache-encryption-at-rest": { requireCustomerManagedKey: true } };

export default ruleCases("require-elasticache-encryption-at-rest", {
    compliant: [
        { name: "a replication group encrypted at rest", resources: [replicationGroup("sessions")] },
        { name: "a Valkey replication group without the setting (encrypted by default)", resources: [replicationGroup("sessions", { atRestEncryptionEnabled: undefined })] },
        { name: "a member of a replication group", resources: [memberCluster("sessions-001")] },
        { name: "a Memcached cluster, which holds no durable data", resources: [memcached("fragments")] },
        { name: "a serverless cache", resources: [serverless("sessions")] },
        { name: "customer-managed keys where the team requires them", resources: [replicationGroup("sessions"), serverless("tokens")], config: cmk },
    ],
    violating: [
        { name: "encryption at rest off", resources: [replicationGroup("sessions", { atRestEncryptionEnabled: false, kmsKeyId: undefined })], message: /atRestEncryptionEnabled is false: the cache's data on disk, its swap and its backups in S3 are unencrypted/ },
        { name: "a Redis OSS replication group without the setting", resources: [replicationGroup("sessions", { engine: "redis", engineVersion: "7.1", atRestEncryptionEnabled: undefined, kmsKeyId: undefined })], message: /not set \(the default is false for Redis OSS\)/ },
        { name: "a standalone Redis OSS cache cluster", resources: [memcached("sessions", { engine: "redis" })], message: /The standalone redis cache cluster cannot encrypt data at rest/ },
        { name: "the service-managed key where the team requires a customer-managed one", resources: [replicationGroup("sessions", { kmsKeyId: undefined })], config: cmk, message: /the service-managed key \(no kmsKeyId\)/ },
        { name: "a serverless cache without a key where the team requires one", resources: [serverless("sessions", { kmsKeyId: undefined })], config: cmk, message: /the service-managed key/ },
    ],
    unknown: [
        { name: "encryption at rest not known yet", resources: [replicationGroup("later", { atRestEncryptionEnabled: unknown })] },
    ],
});
