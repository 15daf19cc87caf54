import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-secret-cmk",
    description: "A Secrets Manager secret must be encrypted with a customer-managed KMS key, so its key policy decides who can read it.",
    severity: "high",
    controls: ["AWS Config secretsmanager-using-cmk"],
    remediation: "Set `kmsKeyId` on the aws.secretsmanager.Secret to the ARN of a customer-managed key.",
    resourceTypes: ["aws:secretsmanager/secret:Secret"],
    validate(props, _context, report) {
        const key = props.kmsKeyId;
        if (key === undefined || key === null || key === "") {
            report("The secret has no kmsKeyId: it is encrypted with the AWS-managed aws/secretsmanager key, readable by any principal with secretsmanager:GetSecretValue.");
        } else if (/alias\/aws\//.test(String(key))) {
            report(`The secret is encrypted with the AWS-managed key ${key}.`);
        }
    },
});
