import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { asPatch, compliantPodSpec, container, everyKind, workload } from "../workloads/workload-fixtures";

const RULE = "disallow-plaintext-credentials";

/** A pod spec whose app container has `env` (and `extra` fields such as args). */
const withEnv = (env: unknown, extra: Record<string, unknown> = {}) => compliantPodSpec({ containers: [container("app", { env, ...extra })] });

const configMap = (name: string, data: unknown, type = "ConfigMap") => resource(`kubernetes:core/v1:${type}`, `apps-${name}`, {
    apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "apps" }, data,
});

/** Not real credentials: shapes only. */
const PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
const FAKE_AWS_KEY = `AKIA${"EXAMPLE".padEnd(16, "X")}`;
const SAFE_ENV = [
    { name: "LOG_LEVEL", value: "info" },
    { name: "DB_PASSWORD_FILE", value: "/run/secrets/db/password" },
    { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
    { name: "API_TOKEN", value: "$(TOKEN_FROM_SECRET)" },
    { name: "TOKEN_TTL", value: "3600" },
    { name: "JWT_PUBLIC_KEY_PATH", value: "/etc/jwt/public.pem" },
    { name: "AWS_ACCESS_KEY_ID", value: "AKIDEXAMPLE" },
    { name: "CACHE_KEY", value: "sessions" },
    { name: "SECRET_NAME", value: "payments-db" },
    { name: "KEYCLOAK_URL", value: "https://sso.example.com/realms/acme" },
    { name: "DATABASE_URL", value: "postgres://payments@db.apps.svc:5432/payments" },
    { name: "ENABLE_TOKEN_AUTH", value: "true" },
];

export default ruleCases(RULE, {
    compliant: [
        { name: "every workload kind reading credentials from Secrets and files", resources: everyKind("api", withEnv(SAFE_ENV)) },
        { name: "arguments pointing at files", resources: [workload("Deployment", "api", withEnv([], { args: ["--password-file=/run/secrets/db/password", "--log-level=info"] }))] },
        { name: "a ConfigMap of settings, references and placeholders", resources: [configMap("settings", { LOG_LEVEL: "info", "db-password-file": "/run/secrets/db", "application.yaml": "server:\n  port: 8080\ndatasource:\n  password: ${DB_PASSWORD}\n  token-ttl: 3600\n" })] },
        { name: "a ConfigMap holding a CA certificate", resources: [configMap("ca", { "ca.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" })] },
        { name: "a name that only looks like a credential, approved by the team", resources: [workload("Deployment", "api", withEnv([{ name: "SORT_TOKEN", value: "created_at" }]))], config: { [RULE]: { allowedNames: ["SORT_TOKEN"] } } },
        { name: "a kube-system agent, exempt by default", resources: [workload("DaemonSet", "node-agent", withEnv([{ name: "API_TOKEN", value: "literal" }]), "kube-system")] },
    ],
    violating: [
        { name: "a password in a Deployment's environment", resources: [workload("Deployment", "api", withEnv([...SAFE_ENV, { name: "DB_PASSWORD", value: "hunter2-hunter2" }]))], message: /Deployment api: container app sets environment variable DB_PASSWORD to a literal value, in plain text in the pod template\. Expected the credential in a Secret, mounted as a file/ },
        { name: "a camel-case API key in a Pod", resources: [workload("Pod", "api", withEnv([{ name: "stripeApiKey", value: "sk-test-not-real" }]))], message: /Pod api: container app sets environment variable stripeApiKey to a literal value/ },
        { name: "a token in an init container of a Job", resources: [workload("Job", "seed", compliantPodSpec({ initContainers: [container("fetch", { env: [{ name: "GITHUB_TOKEN", value: "not-a-real-token" }] })] }))], message: /Job seed: init container fetch sets environment variable GITHUB_TOKEN to a literal value/ },
        { name: "credentials in a URL, whatever the variable's name", resources: [workload("StatefulSet", "worker", withEnv([{ name: "DATABASE_URL", value: "postgres://payments:not-real@db:5432/payments" }]))], message: /StatefulSet worker: container app sets environment variable DATABASE_URL to a URL with a password/ },
        { name: "a private key in an environment variable", resources: [workload("CronJob", "sign", withEnv([{ name: "SIGNER", value: PEM }]))], message: /CronJob sign: container app sets environment variable SIGNER to a private key/ },
        { name: "an AWS access key in a DaemonSet", resources: [workload("DaemonSet", "shipper", withEnv([{ name: "AWS_CREDS", value: FAKE_AWS_KEY }]))], message: /DaemonSet shipper: container app sets environment variable AWS_CREDS to an AWS access key/ },
        { name: "a password passed as an argument", resources: [workload("ReplicaSet", "cli", withEnv([], { args: ["--db-password=not-real"] }))], message: /ReplicaSet cli: container app passes --db-password with a literal value in its args/ },
        { name: "a secret set by a DeploymentPatch", resources: [asPatch(workload("Deployment", "api", withEnv([{ name: "SESSION_SECRET", value: "not-real-either" }])))], message: /DeploymentPatch api: container app sets environment variable SESSION_SECRET to a literal value/ },
        { name: "a ConfigMap key naming a credential", resources: [configMap("settings", { LOG_LEVEL: "info", "db-password": "not-real" })], message: /ConfigMap apps\/settings holds a literal value under key db-password, which names a credential; ConfigMaps are stored and read in plain text/ },
        { name: "a configuration file in a ConfigMap with a password in it", resources: [configMap("app", { "application.properties": "server.port=8080\nspring.datasource.password=not-real\n" })], message: /ConfigMap apps\/app holds a file under key application\.properties that sets spring\.datasource\.password to literal values/ },
        { name: "a private key in a ConfigMapPatch", resources: [configMap("tls", { "server.pem": PEM }, "ConfigMapPatch")], message: /ConfigMapPatch apps\/tls holds a private key under key server\.pem/ },
        {
            name: "a Secret read into the environment where the team enforces files only",
            resources: [workload("Deployment", "api", withEnv([{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }]))],
            config: { [RULE]: { allowSecretEnvironmentVariables: false } },
            message: /Deployment api: container app reads Secret db into environment variable DB_PASSWORD\. Expected the Secret mounted as a file/,
        },
        {
            name: "a whole Secret loaded with envFrom where the team enforces files only",
            resources: [workload("Deployment", "api", compliantPodSpec({ containers: [container("app", { envFrom: [{ secretRef: { name: "db" } }] })] }))],
            config: { [RULE]: { allowSecretEnvironmentVariables: false } },
            message: /Deployment api: container app loads every key of Secret db into its environment \(envFrom\.secretRef\)/,
        },
    ],
    unknown: [
        { name: "a credential's value not known yet", resources: [workload("Deployment", "api", withEnv([{ name: "DB_PASSWORD", value: unknown }, { name: "DB_HOST", value: unknown }]))] },
        { name: "a ConfigMap's data not known yet", resources: [configMap("settings", unknown)] },
    ],
});
