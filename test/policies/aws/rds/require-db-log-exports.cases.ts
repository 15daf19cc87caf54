import { ruleCases, unknown } from "../../../harness/policy-cases";
import { cluster, instance } from "./baseline";

const MYSQL_LOGS = ["audit", "error", "general", "slowquery"];

export default ruleCases("require-db-log-exports", {
    compliant: [
        { name: "a PostgreSQL instance exporting postgresql and upgrade", resources: [instance("orders")] },
        { name: "an Aurora PostgreSQL cluster exporting postgresql", resources: [cluster("orders")] },
        { name: "a MariaDB instance exporting its four logs", resources: [instance("shop", { engine: "mariadb", enabledCloudwatchLogsExports: MYSQL_LOGS })] },
        { name: "an SQL Server instance exporting agent and error", resources: [instance("erp", { engine: "sqlserver-se", enabledCloudwatchLogsExports: ["error", "agent"] })] },
        { name: "an Aurora MySQL cluster (the retired aurora engine) exporting its four logs", resources: [cluster("legacy", { engine: "aurora", enabledCloudwatchLogsExports: MYSQL_LOGS })] },
        { name: "a Db2 instance, for which FSBP lists no logs", resources: [instance("mainframe", { engine: "db2-se", enabledCloudwatchLogsExports: undefined })] },
        {
            name: "a MySQL instance exporting the audit log only, where the team asks for that",
            resources: [instance("shop", { engine: "mysql", enabledCloudwatchLogsExports: ["audit"] })],
            config: { "require-db-log-exports": { logTypesByEngine: { mysql: ["audit"] } } },
        },
    ],
    violating: [
        { name: "a PostgreSQL instance exporting no logs", resources: [instance("orders", { enabledCloudwatchLogsExports: undefined })], message: /The postgres DB instance exports no logs to CloudWatch Logs; missing postgresql, upgrade\./ },
        { name: "a PostgreSQL instance without the upgrade log", resources: [instance("orders", { enabledCloudwatchLogsExports: ["postgresql"] })], message: /exports postgresql to CloudWatch Logs; missing upgrade/ },
        { name: "an Oracle instance without its audit log", resources: [instance("ledger", { engine: "oracle-se2", enabledCloudwatchLogsExports: ["alert", "listener", "trace"] })], message: /The oracle-se2 DB instance .*missing audit/ },
        { name: "an Aurora MySQL cluster without the audit log", resources: [cluster("shop", { engine: "aurora-mysql", enabledCloudwatchLogsExports: ["error", "general", "slowquery"] })], message: /The aurora-mysql DB cluster .*missing audit/ },
        { name: "an Aurora PostgreSQL cluster exporting nothing", resources: [cluster("orders", { enabledCloudwatchLogsExports: [] })], message: /exports no logs to CloudWatch Logs; missing postgresql/ },
    ],
    unknown: [
        { name: "the exported log types not known yet", resources: [instance("later", { enabledCloudwatchLogsExports: unknown })] },
    ],
});
