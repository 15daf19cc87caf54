import { ruleCases, unknown } from "../../../harness/policy-cases";
import { DB_SECRET, lambdaFunction } from "./lambda-fixtures";

const withVariables = (name: string, variables: Record<string, unknown>) => lambdaFunction(name, { environment: { variables: { LOG_LEVEL: "info", ...variables } } });

export default ruleCases("disallow-plaintext-function-secrets", {
    compliant: [
        { name: "the baseline: the password by its secret's ARN", resources: [lambdaFunction("app")] },
        { name: "a token by SSM parameter path, an API key by secret ARN, a KMS key by alias", resources: [withVariables("refs", { API_TOKEN: "/app/prod/api-token", STRIPE_API_KEY: DB_SECRET, ENCRYPTION_KEY: "alias/app-data" })] },
        { name: "names with KEY that hold no secret (a DynamoDB key, an S3 key, a key's ID)", resources: [withVariables("keys", { PARTITION_KEY: "pk", REPORT_S3_KEY: "reports/daily.csv", SIGNING_KEY_ID: "0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8" })] },
        { name: "settings named after a token (a TTL, an endpoint)", resources: [withVariables("settings", { TOKEN_TTL: "3600", TOKEN_ENDPOINT: "https://auth.example.com/oauth2/token" })] },
        { name: "a function without environment variables", resources: [lambdaFunction("bare", { environment: undefined })] },
        { name: "a secret variable left empty", resources: [withVariables("empty", { DB_PASSWORD: "" })] },
    ],
    violating: [
        { name: "a literal database password", resources: [withVariables("db", { DB_PASSWORD: "correct-horse-battery-staple" })], message: /environment\.variables\.DB_PASSWORD holds a literal value \(28 characters\) under a secret's name/ },
        { name: "a client secret", resources: [withVariables("oauth", { OAUTH_CLIENT_SECRET: "s3cr3t-v4lue" })], message: /environment\.variables\.OAUTH_CLIENT_SECRET holds a literal value/ },
        { name: "an API key in lower case", resources: [withVariables("lower", { stripe_api_key: "sk_live_51H8" })], message: /environment\.variables\.stripe_api_key/ },
        { name: "a bearer token", resources: [withVariables("token", { GITHUB_TOKEN: "ghp_0123456789abcdefghijklmnopqrstuvwxyz" })], message: /environment\.variables\.GITHUB_TOKEN/ },
        { name: "an AWS secret access key", resources: [withVariables("aws", { AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" })], message: /environment\.variables\.AWS_SECRET_ACCESS_KEY/ },
    ],
    unknown: [
        { name: "a secret-named variable whose value is not known yet (e.g. a generated password)", resources: [withVariables("later", { DB_PASSWORD: unknown })] },
    ],
});
