import { defineResourceRule } from "../../lib/rule";

/**
 * What the rule detects: an environment variable whose name says it holds a secret (PASSWORD, PASSWD,
 * PASSPHRASE, SECRET, TOKEN, CREDENTIAL, and keys that are secrets: API_KEY, PRIVATE_KEY, ACCESS_KEY,
 * SIGNING_KEY, ENCRYPTION_KEY, ...; not every *KEY*: PARTITION_KEY or S3_KEY name no secret) and whose value
 * is the secret itself rather than a reference to where it is kept. Anyone allowed
 * lambda:GetFunctionConfiguration reads environment variables in clear, and the value sits in the stack's
 * state and in every preview. A reference is an ARN (Secrets Manager, SSM Parameter Store, KMS), an SSM
 * parameter path (`/app/db/password`), a `{{resolve:...}}` dynamic reference, or empty. The fix is to store
 * the secret in Secrets Manager (or an SSM SecureString) and pass its ARN or name; the function reads it
 * at run time (the AWS Parameters and Secrets Lambda Extension caches it).
 */
const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|(API|PRIVATE|ACCESS|SIGNING|ENCRYPTION|CLIENT|MASTER|LICENSE|AUTH|HMAC)_?KEY)/i;
/** Names that say they hold a reference or a setting, not the secret: DB_PASSWORD_SECRET_ARN, TOKEN_TTL. */
const REFERENCE_NAME = /(_ARN|_ID|_NAME|_PATH|_PARAMETER|_PARAM|_URI|_URL|_ENDPOINT|_FILE|_TTL|_EXPIRY|_TIMEOUT|_LENGTH|_HEADER|_ISSUER|_AUDIENCE|_REGION)$/i;

function isReference(value: string): boolean {
    return value === "" || value.startsWith("arn:") || /^\{\{resolve:/.test(value) || /^\/[A-Za-z0-9_.\-/]+$/.test(value) || /^alias\//.test(value);
}

export default defineResourceRule({
    name: "disallow-plaintext-function-secrets",
    description: "Lambda environment variables named like secrets (PASSWORD, SECRET, TOKEN, API_KEY, ...) must hold a reference to Secrets Manager or SSM Parameter Store, never the secret itself.",
    severity: "high",
    controls: ["NIST SP 800-53 IA-5", "NIST SP 800-53 SC-28"],
    remediation: "Store the value in an aws.secretsmanager.Secret (or an aws.ssm.Parameter of type SecureString), put its ARN or name in the aws.lambda.Function `environment.variables` (e.g. DB_PASSWORD_SECRET_ARN), grant the function's role secretsmanager:GetSecretValue on it, and read it at run time (the AWS Parameters and Secrets Lambda Extension caches it).",
    resourceTypes: ["aws:lambda/function:Function"],
    validate(props, _context, report) {
        const variables = props.environment?.variables;
        if (typeof variables !== "object" || variables === null) {
            return;
        }
        for (const name of Object.keys(variables)) {
            if (!SECRET_NAME.test(name) || REFERENCE_NAME.test(name)) {
                continue;
            }
            const value = variables[name];
            if (typeof value === "string" && !isReference(value)) {
                report(`environment.variables.${name} holds a literal value (${value.length} characters) under a secret's name: it is readable by anyone with lambda:GetFunctionConfiguration and kept in the stack's state. Expected the ARN or name of a Secrets Manager secret or SSM SecureString, read at run time.`);
            }
        }
    },
});
