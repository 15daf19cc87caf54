import { defineResourceRule } from "../../lib/rule";

/** Engines with IAM database authentication, the ones FSBP RDS.10 evaluates (RDS.12 evaluates every cluster). */
const IAM_AUTH_ENGINES = ["mysql", "postgres", "mariadb", "aurora", "aurora-mysql", "aurora-postgresql"];

export default defineResourceRule({
    name: "require-db-iam-authentication",
    description: "RDS DB instances and DB clusters of engines that support it (MySQL, MariaDB, PostgreSQL, Aurora) must have IAM database authentication enabled, so applications can sign in with short-lived IAM tokens instead of stored passwords.",
    severity: "medium",
    controls: ["FSBP RDS.10", "FSBP RDS.12"],
    remediation: "Set `iamDatabaseAuthenticationEnabled: true` on the aws.rds.Instance or aws.rds.Cluster, and grant the application's role `rds-db:connect` on its database user.",
    resourceTypes: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
    validate(props, { type }, report) {
        const engine = props.engine;
        if (typeof engine !== "string" || !IAM_AUTH_ENGINES.includes(engine)) {
            // Oracle, SQL Server and Db2 have no IAM authentication; a replica without `engine` takes its source's.
            return;
        }
        if (props.iamDatabaseAuthenticationEnabled !== true) {
            const kind = type === "aws:rds/cluster:Cluster" ? "DB cluster" : "DB instance";
            report(`iamDatabaseAuthenticationEnabled is ${props.iamDatabaseAuthenticationEnabled === undefined ? "not set (the default is false)" : String(props.iamDatabaseAuthenticationEnabled)} on the ${engine} ${kind}: every client signs in with a long-lived password; expected iamDatabaseAuthenticationEnabled: true.`);
        }
    },
});
