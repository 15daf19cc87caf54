import { defineResourceRule } from "../../lib/rule";

/** Provisioners whose volumes are EBS volumes, which encrypt only when the class says so. */
export const EBS_PROVISIONERS = ["ebs.csi.aws.com", "kubernetes.io/aws-ebs"];

export default defineResourceRule<{ requireCustomerManagedKey: boolean }>({
    name: "require-encrypted-storage-class",
    description: "A StorageClass that provisions EBS volumes must encrypt them, with a customer-managed key. Classes of other provisioners are not judged here.",
    severity: "high",
    controls: ["FSBP EC2.3", "EKS BP encryption-at-rest"],
    remediation: "Set `parameters.encrypted: \"true\"` and `parameters.kmsKeyId` (the ARN of a customer-managed KMS key) on the StorageClass.",
    config: {
        requireCustomerManagedKey: {
            type: "boolean",
            default: true,
            description: "Also require `parameters.kmsKeyId`, so volumes are not encrypted with the account's default key.",
        },
    },
    resourceTypes: ["kubernetes:storage.k8s.io/v1:StorageClass"],
    validate(props, { config }, report) {
        if (!EBS_PROVISIONERS.includes(props.provisioner)) {
            return;
        }
        const parameters = props.parameters ?? {};
        const name = () => props.metadata?.name ?? "(unnamed)";
        if (String(parameters.encrypted).toLowerCase() !== "true") {
            report(`StorageClass ${name()} provisions unencrypted EBS volumes (parameters.encrypted: ${parameters.encrypted ?? "not set"}).`);
        } else if (config.requireCustomerManagedKey && !parameters.kmsKeyId) {
            report(`StorageClass ${name()} encrypts with the account's default EBS key; parameters.kmsKeyId names no customer-managed key.`);
        }
    },
});
