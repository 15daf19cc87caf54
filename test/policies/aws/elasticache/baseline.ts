/** Compliant ElastiCache resources the ElastiCache rules' corpora change one field of. */
import { resource } from "../../../harness/policy-cases";
import { defined } from "../defined";

export const CACHE_KEY = "arn:aws:kms:eu-west-1:111122223333:key/8d9e0f1a-2b3c-4d4e-5f6a-7b8c9d0e1f2a";

/** A Valkey replication group: encrypted at rest and in transit, RBAC, in a private subnet group. */
export const replicationGroup = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:elasticache/replicationGroup:ReplicationGroup", name, defined({
        replicationGroupId: name,
        description: `${name} cache`,
        engine: "valkey",
        engineVersion: "8.0",
        nodeType: "cache.r7g.large",
        numCacheClusters: 2,
        automaticFailoverEnabled: true,
        subnetGroupName: "data",
        securityGroupIds: ["sg-0d4e5f60718293a4b"],
        atRestEncryptionEnabled: true,
        kmsKeyId: CACHE_KEY,
        transitEncryptionEnabled: true,
        userGroupIds: ["app-users"],
        ...overrides,
    }));

/** A node of that group, declared as a cache cluster. */
export const memberCluster = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:elasticache/cluster:Cluster", name, defined({ clusterId: name, replicationGroupId: "sessions", ...overrides }));

/** A standalone Memcached cluster, which neither encrypts at rest nor authenticates. */
export const memcached = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:elasticache/cluster:Cluster", name, defined({ clusterId: name, engine: "memcached", nodeType: "cache.t4g.small", numCacheNodes: 2, subnetGroupName: "data", transitEncryptionEnabled: true, ...overrides }));

/** A serverless Valkey cache with a customer-managed key and an RBAC user group. */
export const serverless = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:elasticache/serverlessCache:ServerlessCache", name, defined({ name, engine: "valkey", kmsKeyId: CACHE_KEY, userGroupId: "app-users", subnetIds: ["subnet-0a1b2c3d4e5f60718"], ...overrides }));
