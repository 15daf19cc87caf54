import { defineResourceRule } from "../../lib/rule";

const CLUSTER = "aws:elasticache/cluster:Cluster";

export default defineResourceRule({
    name: "require-elasticache-encryption-in-transit",
    description: "ElastiCache replication groups and standalone cache clusters must require TLS for every connection (serverless caches always do).",
    severity: "medium",
    controls: ["FSBP ElastiCache.5"],
    remediation: "Set `transitEncryptionEnabled: true` on the aws.elasticache.ReplicationGroup (with `transitEncryptionMode` unset or \"required\"; \"preferred\" is only a step while clients move to TLS) or on the standalone aws.elasticache.Cluster, and connect with TLS.",
    resourceTypes: ["aws:elasticache/replicationGroup:ReplicationGroup", CLUSTER],
    validate(props, { type }, report) {
        if (type === CLUSTER && props.replicationGroupId !== undefined && props.replicationGroupId !== "") {
            // A member of a replication group takes the group's setting, judged there.
            return;
        }
        if (props.transitEncryptionEnabled !== true) {
            report(`transitEncryptionEnabled is ${props.transitEncryptionEnabled === undefined ? "not set (the default is false)" : String(props.transitEncryptionEnabled)}: clients and replicas exchange data and credentials in plain text; expected transitEncryptionEnabled: true.`);
        } else if (type !== CLUSTER && props.transitEncryptionMode === "preferred") {
            report("transitEncryptionMode is preferred: the cache still accepts connections without TLS; expected required (the default once transitEncryptionEnabled is true).");
        }
    },
});
