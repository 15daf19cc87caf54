import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8";
const vault = (name: string, props: Record<string, unknown>) => resource("aws:backup/vault:Vault", name, { name, ...props });
const airGapped = (name: string, props: Record<string, unknown>) =>
    resource("aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault", name, { name, minRetentionDays: 35, maxRetentionDays: 365, ...props });

export default ruleCases("require-backup-vault-encryption", {
    compliant: [
        { name: "a vault under a customer-managed key", resources: [vault("daily", { kmsKeyArn: KEY })] },
        { name: "a logically air-gapped vault under a customer-managed key", resources: [airGapped("isolated", { encryptionKeyArn: KEY })] },
    ],
    violating: [
        { name: "a vault without a key (AWS-managed aws/backup)", resources: [vault("daily", {})], message: /The vault has no kmsKeyArn/ },
        { name: "a vault under the AWS-managed alias", resources: [vault("daily", { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/aws/backup" })], message: /encrypted with the AWS-managed key/ },
        { name: "a logically air-gapped vault on its default AWS-owned key", resources: [airGapped("isolated", {})], message: /no encryptionKeyArn: recovery points are encrypted with an AWS-owned key/ },
    ],
    unknown: [
        { name: "key not known yet", resources: [vault("later", { kmsKeyArn: unknown })] },
        { name: "air-gapped vault key not known yet", resources: [airGapped("later", { encryptionKeyArn: unknown })] },
    ],
});
