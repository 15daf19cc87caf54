import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "disallow-public-db-instance",
    description: "RDS DB instances and Aurora DB instances must not be publicly accessible.",
    severity: "critical",
    controls: ["FSBP RDS.2", "CIS AWS 2.3.3"],
    remediation: "Remove `publiclyAccessible: true` from the aws.rds.Instance or aws.rds.ClusterInstance (the default is false) and reach the database from inside the VPC: the application's subnets, a bastion or a VPN.",
    resourceTypes: ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance"],
    validate(props, _context, report) {
        if (props.publiclyAccessible === true) {
            report("publiclyAccessible is true: the instance gets a DNS name that resolves to a public IP address, reachable from the internet wherever its subnet routes and security groups allow; expected publiclyAccessible false.");
        }
    },
});
