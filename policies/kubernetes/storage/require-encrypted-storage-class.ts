import { defineResourceRule } from "../../lib/rule";
import { ebsParameter, isEbsProvisioner, STORAGE_CLASS_TYPE } from "../../lib/storage-class";

export default defineResourceRule<{ requireCustomerManagedKey: boolean }>({
    name: "require-encrypted-storage-class",
    description: "A StorageClass that provisions EBS volumes must encrypt them, with a customer-managed key. Classes of other provisioners are not judged by this rule.",
    severity: "high",
    controls: ["FSBP EC2.3", "EKS BP encryption-at-rest"],
    remediation: "Set `parameters.encrypted: \"true\"` and `parameters.kmsKeyId` (the ARN of a customer-managed KMS key) on the StorageClass.",
    config: {
        requireCustomerManagedKey: {
            type: "boolean",
            default: true,
            description: "Also require `parameters.kmsKeyId` naming a customer-managed key, so volumes are not encrypted with the account's default key.",
        },
    },
    resourceTypes: [STORAGE_CLASS_TYPE],
    validate(props, { config }, report) {
        if (!isEbsProvisioner(props.provisioner)) {
            return;
        }
        const name = () => props.metadata?.name ?? "(unnamed)";
        const encrypted = ebsParameter(props.parameters, "encrypted");
        // The driver encrypts only on the exact string "true"; "True" or "1" create plain volumes.
        if (encrypted !== "true") {
            report(`StorageClass ${name()} provisions unencrypted EBS volumes (parameters.encrypted: ${encrypted === undefined ? "not set" : JSON.stringify(encrypted)}; only "true" encrypts).`);
            return;
        }
        if (!config.requireCustomerManagedKey) {
            return;
        }
        const key = ebsParameter(props.parameters, "kmsKeyId");
        if (key === undefined || key === null || key === "") {
            report(`StorageClass ${name()} encrypts with the account's default EBS key; parameters.kmsKeyId names no customer-managed key.`);
        } else if (/alias\/aws\//.test(String(key))) {
            report(`StorageClass ${name()} encrypts with the AWS-managed key ${key}, not a customer-managed one.`);
        }
    },
});
