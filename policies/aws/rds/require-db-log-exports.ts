import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

const CLUSTER = "aws:rds/cluster:Cluster";

/**
 * The logs each engine must publish to CloudWatch Logs, as FSBP RDS.9 lists them per engine (RDS.34
 * asks Aurora MySQL clusters for the audit log, RDS.36 PostgreSQL for `postgresql`, RDS.37 Aurora
 * PostgreSQL for `postgresql`, RDS.40 SQL Server for `agent` and `error`, RDS.42 MariaDB for its logs).
 */
export const DEFAULT_LOG_TYPES: Readonly<Record<string, readonly string[]>> = {
    mysql: ["audit", "error", "general", "slowquery"],
    mariadb: ["audit", "error", "general", "slowquery"],
    postgres: ["postgresql", "upgrade"],
    oracle: ["alert", "audit", "listener", "trace"],
    sqlserver: ["agent", "error"],
    "aurora-mysql": ["audit", "error", "general", "slowquery"],
    "aurora-postgresql": ["postgresql"],
};

/**
 * The key of `engine` in the table: `oracle-ee` is `oracle`, `sqlserver-se` is `sqlserver`, the retired
 * `aurora` engine is Aurora MySQL. Instances are judged by RDS engine, clusters only when they are Aurora:
 * an Aurora instance publishes its cluster's logs, and RDS Custom engines cannot publish logs.
 */
function engineKey(engine: string, cluster: boolean): string | undefined {
    const key = engine === "aurora" ? "aurora-mysql" : engine.replace(/^(oracle|sqlserver)-.*$/, "$1");
    return key.startsWith("aurora-") === cluster ? key : undefined;
}

export default defineResourceRule<{ logTypesByEngine: Record<string, string[]> }>({
    name: "require-db-log-exports",
    description: "RDS DB instances and Aurora DB clusters must publish their engine's audit, error and activity logs to CloudWatch Logs.",
    severity: "medium",
    controls: ["FSBP RDS.9", "FSBP RDS.34", "FSBP RDS.36", "FSBP RDS.37", "FSBP RDS.40", "FSBP RDS.42"],
    remediation: "List the engine's log types in `enabledCloudwatchLogsExports` on the aws.rds.Instance or aws.rds.Cluster (MySQL and MariaDB: audit, error, general, slowquery; PostgreSQL: postgresql, upgrade; Oracle: alert, audit, listener, trace; SQL Server: agent, error; Aurora MySQL: audit, error, general, slowquery; Aurora PostgreSQL: postgresql). MySQL and MariaDB write an audit log only with the MARIADB_AUDIT_PLUGIN option in their option group; Aurora MySQL needs `server_audit_logging` in its cluster parameter group.",
    config: {
        logTypesByEngine: {
            type: "object",
            default: DEFAULT_LOG_TYPES,
            description: "Log types each engine (mysql, mariadb, postgres, oracle, sqlserver, aurora-mysql, aurora-postgresql) must export; an engine left out is not checked.",
        },
    },
    resourceTypes: ["aws:rds/instance:Instance", CLUSTER],
    validate(props, { type, config }, report) {
        const engine = props.engine;
        const key = typeof engine === "string" ? engineKey(engine, type === CLUSTER) : undefined;
        const required = key === undefined ? undefined : config.logTypesByEngine[key];
        if (required === undefined || required.length === 0) {
            return;
        }
        const exported = list(props.enabledCloudwatchLogsExports).map(String);
        const missing = required.filter((logType) => !exported.includes(logType));
        if (missing.length > 0) {
            report(`The ${String(engine)} ${type === CLUSTER ? "DB cluster" : "DB instance"} exports ${exported.length > 0 ? exported.join(", ") : "no logs"} to CloudWatch Logs; missing ${missing.join(", ")}. Expected enabledCloudwatchLogsExports to include ${required.join(", ")}.`);
        }
    },
});
