import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-backup-vault-encryption",
    description: "An AWS Backup vault must encrypt its recovery points with a customer-managed KMS key, not the AWS-managed aws/backup key.",
    severity: "high",
    controls: ["FSBP Backup.1"],
    remediation: "Set `kmsKeyArn` on the aws.backup.Vault to the ARN of a customer-managed key whose policy lets AWS Backup use it.",
    resourceTypes: ["aws:backup/vault:Vault"],
    validate(props, _context, report) {
        const key = props.kmsKeyArn;
        if (key === undefined || key === null || key === "") {
            report("The vault has no kmsKeyArn: recovery points are encrypted with the AWS-managed aws/backup key, which no key policy of yours controls.");
        } else if (/alias\/aws\//.test(String(key))) {
            report(`The vault is encrypted with the AWS-managed key ${key}.`);
        }
    },
});
