import { ruleCases, unknown } from "../../../harness/policy-cases";
import { memberCluster, memcached, replicationGroup } from "./baseline";

export default ruleCases("require-elasticache-encryption-in-transit", {
    compliant: [
        { name: "a replication group requiring TLS", resources: [replicationGroup("sessions")] },
        { name: "a replication group with transitEncryptionMode required", resources: [replicationGroup("sessions", { transitEncryptionMode: "required" })] },
        { name: "a member of a replication group", resources: [memberCluster("sessions-001")] },
        { name: "a Memcached cluster with TLS", resources: [memcached("fragments")] },
    ],
    violating: [
        { name: "TLS off", resources: [replicationGroup("sessions", { transitEncryptionEnabled: false, userGroupIds: undefined })], message: /transitEncryptionEnabled is false: clients and replicas exchange data and credentials in plain text/ },
        { name: "TLS not set", resources: [replicationGroup("sessions", { transitEncryptionEnabled: undefined })], message: /transitEncryptionEnabled is not set \(the default is false\)/ },
        { name: "TLS preferred, not required", resources: [replicationGroup("sessions", { transitEncryptionMode: "preferred" })], message: /transitEncryptionMode is preferred: the cache still accepts connections without TLS/ },
        { name: "a Memcached cluster without TLS", resources: [memcached("fragments", { transitEncryptionEnabled: undefined })], message: /transitEncryptionEnabled is not set/ },
    ],
    unknown: [
        { name: "TLS not known yet", resources: [replicationGroup("later", { transitEncryptionEnabled: unknown })] },
    ],
});
