import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";
import { isAwsManagedKey } from "../../lib/kms-keys";

const TEMPLATE = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";

/**
 * ECR encrypts images with S3-managed keys (AES256) unless told to use KMS, and KMS without a key means
 * the AWS-managed aws/ecr key. The Security Hub control for this (ECR.5) is in the NIST SP 800-53
 * standard, not FSBP; its AWS Config rule is mapped here.
 */
export default defineResourceRule({
    name: "require-repository-cmk-encryption",
    description: "ECR repositories, and the creation templates ECR creates repositories from, must encrypt images with a customer-managed KMS key.",
    severity: "medium",
    controls: ["AWS Config ecr-repository-cmk-encryption-enabled", "NIST SP 800-53 SC-28"],
    remediation: "Set `encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey: <customer-managed key ARN> }]` on the aws.ecr.Repository or aws.ecr.RepositoryCreationTemplate (a template also needs `customRoleArn`, a role ECR assumes that may use the key). Encryption is chosen at creation: re-create an existing repository.",
    resourceTypes: ["aws:ecr/repository:Repository", TEMPLATE],
    validate(props, { type }, report) {
        const what = type === TEMPLATE ? "The repositories the template creates are" : "The repository is";
        const [configuration] = list(props.encryptionConfigurations);
        const encryptionType = configuration?.encryptionType;
        if (encryptionType !== "KMS" && encryptionType !== "KMS_DSSE") {
            report(`${what} encrypted with ${encryptionType === undefined ? "S3-managed keys (AES256, the default)" : String(encryptionType)}, outside any key policy of the account; expected encryptionConfigurations [{ encryptionType: "KMS", kmsKey: <customer-managed key> }].`);
            return;
        }
        const key = configuration.kmsKey;
        if (typeof key !== "string" || key === "") {
            report(`${what} encrypted with the AWS-managed aws/ecr key (encryptionType ${encryptionType} without kmsKey), whose key policy cannot be narrowed; expected kmsKey naming a customer-managed key.`);
        } else if (isAwsManagedKey(key)) {
            report(`${what} encrypted with the AWS-managed key ${key}; expected kmsKey naming a customer-managed key.`);
        }
    },
});
