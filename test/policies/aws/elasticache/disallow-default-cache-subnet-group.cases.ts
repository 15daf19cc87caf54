import { ruleCases, unknown } from "../../../harness/policy-cases";
import { memberCluster, memcached, replicationGroup } from "./baseline";

export default ruleCases("disallow-default-cache-subnet-group", {
    compliant: [
        { name: "a replication group in its own subnet group", resources: [replicationGroup("sessions")] },
        { name: "a cache cluster in its own subnet group", resources: [memcached("fragments")] },
        { name: "a member of a replication group (placed by the group)", resources: [memberCluster("sessions-001")] },
    ],
    violating: [
        { name: "no subnet group", resources: [replicationGroup("sessions", { subnetGroupName: undefined })], message: /subnetGroupName is not set \(ElastiCache then uses its default subnet group\): the cache's nodes go into the default VPC's subnets/ },
        { name: "the default subnet group named", resources: [memcached("fragments", { subnetGroupName: "default" })], message: /subnetGroupName is default/ },
    ],
    unknown: [
        { name: "the subnet group not known yet", resources: [replicationGroup("later", { subnetGroupName: unknown })] },
    ],
});
