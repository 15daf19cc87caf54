import { defineResourceRule } from "../../lib/rule";

const AIR_GAPPED = "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault";

export default defineResourceRule({
    name: "require-backup-vault-encryption",
    description: "An AWS Backup vault, logically air-gapped or not, must encrypt the recovery points it encrypts itself (those of resource types AWS Backup fully manages) with a customer-managed KMS key, not a key AWS manages or owns; EBS recovery points keep their volume's key, which require-encrypted-storage-class and require-ebs-volume-encryption judge.",
    severity: "high",
    controls: ["FSBP Backup.1"],
    remediation: "Set `kmsKeyArn` on the aws.backup.Vault (`encryptionKeyArn` on an aws.backup.LogicallyAirGappedVault) to the ARN of a customer-managed key whose policy lets AWS Backup use it.",
    resourceTypes: ["aws:backup/vault:Vault", AIR_GAPPED],
    validate(props, { type }, report) {
        const argument = type === AIR_GAPPED ? "encryptionKeyArn" : "kmsKeyArn";
        const key = props[argument];
        if (key === undefined || key === null || key === "") {
            const fallback = type === AIR_GAPPED ? "an AWS-owned key" : "the AWS-managed aws/backup key";
            report(`The vault has no ${argument}: recovery points are encrypted with ${fallback}, which no key policy of yours controls.`);
        } else if (/alias\/aws\//.test(String(key))) {
            report(`The vault is encrypted with the AWS-managed key ${key}.`);
        }
    },
});
