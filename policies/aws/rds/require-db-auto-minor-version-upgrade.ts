import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-db-auto-minor-version-upgrade",
    description: "RDS DB instances, Aurora DB instances and Multi-AZ DB clusters must apply minor engine versions, which carry security fixes, automatically in their maintenance window.",
    severity: "high",
    controls: ["FSBP RDS.13", "FSBP RDS.35", "CIS AWS 2.3.2"],
    remediation: "Remove `autoMinorVersionUpgrade: false` from the aws.rds.Instance, aws.rds.ClusterInstance or aws.rds.Cluster (the default is true), and pin `engineVersion` to a major version only (e.g. \"16\") so the upgrades do not show as drift.",
    resourceTypes: ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance", "aws:rds/cluster:Cluster"],
    validate(props, _context, report) {
        if (props.autoMinorVersionUpgrade === false) {
            report("autoMinorVersionUpgrade is false: security fixes in minor engine versions wait for someone to apply them by hand; expected true (the default).");
        }
    },
});
