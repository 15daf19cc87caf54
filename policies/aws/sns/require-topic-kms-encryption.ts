import { defineResourceRule } from "../../lib/rule";
import { isAwsManagedKey } from "../../lib/kms-keys";

/**
 * SNS encrypts nothing with KMS unless a topic names a key. The AWS-managed aws/sns key satisfies AWS
 * Config's sns-encrypted-kms, but its key policy cannot be changed, so AWS services that publish events
 * (CloudWatch alarms, EventBridge, S3 notifications) cannot use it; by default the rule asks for a
 * customer-managed key, as the platform keeps one per purpose.
 */
export default defineResourceRule<{ requireCustomerManagedKey: boolean }>({
    name: "require-topic-kms-encryption",
    description: "SNS topics must encrypt messages at rest with a KMS key, by default a customer-managed one.",
    severity: "medium",
    controls: ["AWS Config sns-encrypted-kms", "NIST SP 800-53 SC-28"],
    remediation: "Set `kmsMasterKeyId` on the aws.sns.Topic to a customer-managed key's ARN, and allow the publishing services kms:GenerateDataKey* and kms:Decrypt in the key policy.",
    config: {
        requireCustomerManagedKey: {
            type: "boolean",
            default: true,
            description: "Require a customer-managed key; false also accepts the AWS-managed aws/sns key, as AWS Config's sns-encrypted-kms does.",
        },
    },
    resourceTypes: ["aws:sns/topic:Topic"],
    validate(props, { config }, report) {
        const key = props.kmsMasterKeyId;
        if (typeof key !== "string" || key === "") {
            report("The topic has no kmsMasterKeyId: server-side encryption is off and messages are stored without a KMS key; expected kmsMasterKeyId naming a customer-managed key.");
        } else if (config.requireCustomerManagedKey && isAwsManagedKey(key)) {
            report(`The topic is encrypted with the AWS-managed key ${key}, whose key policy cannot be changed, so AWS services cannot publish to the topic and no one can narrow who decrypts; expected kmsMasterKeyId naming a customer-managed key.`);
        }
    },
});
