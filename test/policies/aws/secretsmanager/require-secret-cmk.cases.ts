import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8";
const secret = (name: string, props: Record<string, unknown>) => resource("aws:secretsmanager/secret:Secret", name, { name: `app/${name}`, ...props });

export default ruleCases("require-secret-cmk", {
    compliant: [
        { name: "a secret under a customer-managed key", resources: [secret("db", { kmsKeyId: KEY })] },
        { name: "a secret under a customer-managed key alias", resources: [secret("api", { kmsKeyId: "alias/app/secrets" })] },
    ],
    violating: [
        { name: "a secret without a key", resources: [secret("db", {})], message: /The secret has no kmsKeyId/ },
        { name: "a secret under the AWS-managed key", resources: [secret("db", { kmsKeyId: "alias/aws/secretsmanager" })], message: /AWS-managed key alias\/aws\/secretsmanager/ },
    ],
    unknown: [
        { name: "key not known yet", resources: [secret("later", { kmsKeyId: unknown })] },
    ],
});
