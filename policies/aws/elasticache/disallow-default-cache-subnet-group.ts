import { defineResourceRule } from "../../lib/rule";

const CLUSTER = "aws:elasticache/cluster:Cluster";

export default defineResourceRule({
    name: "disallow-default-cache-subnet-group",
    description: "ElastiCache replication groups and cache clusters must be placed in a subnet group of their own, not ElastiCache's default one, whose subnets are the default VPC's.",
    severity: "high",
    controls: ["FSBP ElastiCache.7"],
    remediation: "Create an aws.elasticache.SubnetGroup of the VPC's private (data) subnets and set `subnetGroupName` to it on the aws.elasticache.ReplicationGroup or aws.elasticache.Cluster.",
    resourceTypes: ["aws:elasticache/replicationGroup:ReplicationGroup", CLUSTER],
    validate(props, { type }, report) {
        if (type === CLUSTER && props.replicationGroupId !== undefined && props.replicationGroupId !== "") {
            // A member of a replication group is placed by the group, judged there.
            return;
        }
        const group = props.subnetGroupName;
        if (group === undefined || group === "" || group === "default") {
            report(`subnetGroupName is ${group === "default" ? "default" : "not set (ElastiCache then uses its default subnet group)"}: the cache's nodes go into the default VPC's subnets (routed to an internet gateway, outside the VPC and network ACLs the stack controls); expected a subnet group of private subnets.`);
        }
    },
});
