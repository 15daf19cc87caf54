import { ruleCases, unknown } from "../../../harness/policy-cases";
import { memberCluster, memcached, replicationGroup, serverless } from "./baseline";

export default ruleCases("require-elasticache-authentication", {
    compliant: [
        { name: "a replication group with an RBAC user group", resources: [replicationGroup("sessions")] },
        { name: "a Redis OSS 5 replication group with an AUTH token", resources: [replicationGroup("legacy", { engine: "redis", engineVersion: "5.0.6", userGroupIds: undefined, authToken: "a-long-random-auth-token-0123456789" })] },
        { name: "a replication group with a write-only AUTH token", resources: [replicationGroup("sessions", { userGroupIds: undefined, authTokenWo: "a-long-random-auth-token-0123456789", authTokenWoVersion: 1 })] },
        { name: "a member of a replication group", resources: [memberCluster("sessions-001")] },
        { name: "a Memcached cluster", resources: [memcached("fragments")] },
        { name: "a serverless cache with a user group", resources: [serverless("sessions")] },
    ],
    violating: [
        { name: "neither a user group nor a token", resources: [replicationGroup("sessions", { userGroupIds: undefined })], message: /The replication group has neither userGroupIds \(RBAC\) nor an authToken: anyone reaching its port can read and write every key/ },
        { name: "an empty user group list", resources: [replicationGroup("sessions", { userGroupIds: [] })], message: /neither userGroupIds/ },
        { name: "a standalone Valkey cache cluster", resources: [memcached("sessions", { engine: "valkey" })], message: /The standalone valkey cache cluster cannot authenticate clients/ },
        { name: "a serverless cache without a user group", resources: [serverless("sessions", { userGroupId: undefined })], message: /The serverless valkey cache has no userGroupId/ },
    ],
    unknown: [
        { name: "the user groups not known yet", resources: [replicationGroup("later", { userGroupIds: unknown })] },
    ],
});
