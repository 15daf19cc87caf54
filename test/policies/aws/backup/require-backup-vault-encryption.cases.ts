import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8";
const vault = (name: string, props: Record<string, unknown>) => resource("aws:backup/vault:Vault", name, { name, ...props });

export default ruleCases("require-backup-vault-encryption", {
    compliant: [
        { name: "a vault under a customer-managed key", resources: [vault("daily", { kmsKeyArn: KEY })] },
    ],
    violating: [
        { name: "a vault without a key (AWS-managed aws/backup)", resources: [vault("daily", {})], message: /The vault has no kmsKeyArn/ },
        { name: "a vault under the AWS-managed alias", resources: [vault("daily", { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/aws/backup" })], message: /encrypted with the AWS-managed key/ },
    ],
    unknown: [
        { name: "key not known yet", resources: [vault("later", { kmsKeyArn: unknown })] },
    ],
});
