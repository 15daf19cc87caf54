import { ruleCases, unknown } from "../../../harness/policy-cases";
import { cluster, instance } from "./baseline";

export default ruleCases("require-db-iam-authentication", {
    compliant: [
        { name: "a PostgreSQL instance with IAM authentication", resources: [instance("orders")] },
        { name: "an Aurora PostgreSQL cluster with IAM authentication", resources: [cluster("orders")] },
        { name: "an Oracle instance, which has no IAM authentication", resources: [instance("ledger", { engine: "oracle-ee", iamDatabaseAuthenticationEnabled: undefined, enabledCloudwatchLogsExports: ["alert", "audit", "listener", "trace"] })] },
        { name: "a read replica without engine (it takes its source's)", resources: [instance("replica", { engine: undefined, replicateSourceDb: "orders", iamDatabaseAuthenticationEnabled: undefined })] },
    ],
    violating: [
        { name: "IAM authentication off on a PostgreSQL instance", resources: [instance("orders", { iamDatabaseAuthenticationEnabled: false })], message: /iamDatabaseAuthenticationEnabled is false on the postgres DB instance: every client signs in with a long-lived password/ },
        { name: "IAM authentication not set on a MySQL instance", resources: [instance("shop", { engine: "mysql", iamDatabaseAuthenticationEnabled: undefined })], message: /not set \(the default is false\) on the mysql DB instance/ },
        { name: "IAM authentication off on an Aurora MySQL cluster", resources: [cluster("shop", { engine: "aurora-mysql", iamDatabaseAuthenticationEnabled: false })], message: /on the aurora-mysql DB cluster/ },
    ],
    unknown: [
        { name: "iamDatabaseAuthenticationEnabled not known yet", resources: [cluster("later", { iamDatabaseAuthenticationEnabled: unknown })] },
    ],
});
