import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:elasticache/cluster:Cluster";
const SERVERLESS = "aws:elasticache/serverlessCache:ServerlessCache";

const present = (value: unknown) => value !== undefined && value !== null && value !== "";

/**
 * FSBP ElastiCache.6 checks AUTH only on Redis OSS before 6.0, where role-based access control (RBAC) does
 * not exist; this rule asks every Valkey and Redis OSS cache to authenticate its clients, with an AUTH
 * token or, from Redis OSS 6.0 and on Valkey, an RBAC user group.
 */
export default defineResourceRule({
    name: "require-elasticache-authentication",
    description: "ElastiCache Valkey and Redis OSS caches must authenticate their clients, with role-based access control (a user group) or an AUTH token.",
    severity: "medium",
    controls: ["FSBP ElastiCache.6"],
    remediation: "Set `userGroupIds` (RBAC, Redis OSS 6.0 and later and Valkey) or `authToken` / `authTokenWo` (with transitEncryptionEnabled) on the aws.elasticache.ReplicationGroup, or `userGroupId` on the aws.elasticache.ServerlessCache; create Valkey and Redis OSS caches as replication groups, not standalone aws.elasticache.Cluster resources, which cannot authenticate clients.",
    resourceTypes: [REPLICATION_GROUP, CLUSTER, SERVERLESS],
    validate(props, { type }, report) {
        const engine = props.engine;
        if (type === CLUSTER) {
            if ((engine === "redis" || engine === "valkey") && !present(props.replicationGroupId)) {
                report(`The standalone ${engine} cache cluster cannot authenticate clients: anyone reaching its port can read and write every key; expected a ReplicationGroup with userGroupIds or authToken.`);
            }
            return;
        }
        if (type === SERVERLESS) {
            if ((engine === "redis" || engine === "valkey") && !present(props.userGroupId)) {
                report(`The serverless ${engine} cache has no userGroupId: every connection is the default user with access to every key; expected userGroupId naming an RBAC user group.`);
            }
            return;
        }
        if (list(props.userGroupIds).length === 0 && !present(props.authToken) && !present(props.authTokenWo)) {
            report("The replication group has neither userGroupIds (RBAC) nor an authToken: anyone reaching its port can read and write every key; expected userGroupIds, or authToken with transitEncryptionEnabled.");
        }
    },
});
