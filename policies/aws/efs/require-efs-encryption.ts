import { defineResourceRule } from "../../lib/rule";
import { isAwsManagedKey } from "../../lib/kms-keys";

export default defineResourceRule<{ requireCustomerManagedKey: boolean }>({
    name: "require-efs-encryption",
    description: "EFS file systems must encrypt file data at rest with a KMS key.",
    severity: "medium",
    controls: ["FSBP EFS.1", "FSBP EFS.8", "CIS AWS 2.4.1"],
    remediation: "Set `encrypted: true` on the aws.efs.FileSystem, with `kmsKeyId` set to a customer-managed key's ARN. Encryption is chosen at creation: copy the data to a new, encrypted file system (AWS DataSync or a restore of a backup).",
    config: {
        requireCustomerManagedKey: {
            type: "boolean",
            default: false,
            description: "Also require `kmsKeyId` to name a customer-managed key rather than the AWS-managed aws/elasticfilesystem key (FSBP EFS.1 and EFS.8 accept either).",
        },
    },
    resourceTypes: ["aws:efs/fileSystem:FileSystem"],
    validate(props, { config }, report) {
        if (props.encrypted !== true) {
            report(`encrypted is ${props.encrypted === undefined ? "not set (the default is false)" : String(props.encrypted)}: files and metadata are stored unencrypted; expected encrypted: true.`);
            return;
        }
        if (config.requireCustomerManagedKey) {
            const key = props.kmsKeyId;
            if (typeof key !== "string" || key === "" || isAwsManagedKey(key)) {
                report(`The file system is encrypted with ${typeof key === "string" && key !== "" ? key : "the AWS-managed aws/elasticfilesystem key (no kmsKeyId)"}, whose key policy cannot be narrowed; expected kmsKeyId naming a customer-managed key.`);
            }
        }
    },
});
