import { defineResourceRule } from "../../lib/rule";
import { isAwsManagedKey } from "../../lib/kms-keys";

/**
 * FSBP SQS.1 accepts SQS-managed encryption (SSE-SQS, SQS's default for new queues), whose keys belong to
 * SQS: anyone allowed sqs:ReceiveMessage reads the messages, and no key policy or CloudTrail record of key
 * use stands between them. So by default the rule asks for a customer-managed KMS key (as the platform
 * keeps one per purpose); the AWS-managed aws/sqs key also has a policy no one can narrow, and AWS services
 * such as SNS or EventBridge cannot send to a queue encrypted with it.
 */
export default defineResourceRule<{ requireCustomerManagedKey: boolean }>({
    name: "require-queue-kms-encryption",
    description: "SQS queues must be encrypted at rest with a customer-managed KMS key (SQS-managed encryption is accepted only where a team opts out).",
    severity: "medium",
    controls: ["FSBP SQS.1", "NIST SP 800-53 SC-28"],
    remediation: "Set `kmsMasterKeyId` on the aws.sqs.Queue to a customer-managed key's ARN (and let the services that send to the queue use it in the key policy).",
    config: {
        requireCustomerManagedKey: {
            type: "boolean",
            default: true,
            description: "Require a customer-managed KMS key; false accepts any SSE-KMS key or SQS-managed encryption (SSE-SQS), as FSBP SQS.1 does.",
        },
    },
    resourceTypes: ["aws:sqs/queue:Queue"],
    validate(props, { config }, report) {
        const key = props.kmsMasterKeyId;
        if (typeof key === "string" && key !== "") {
            if (config.requireCustomerManagedKey && isAwsManagedKey(key)) {
                report(`The queue is encrypted with the AWS-managed key ${key}, whose key policy cannot be narrowed and which AWS services cannot use to send to the queue; expected kmsMasterKeyId naming a customer-managed key.`);
            }
            return;
        }
        if (props.sqsManagedSseEnabled === false) {
            report("sqsManagedSseEnabled is false and no kmsMasterKeyId is set: messages are stored unencrypted; expected kmsMasterKeyId naming a customer-managed key.");
        } else if (config.requireCustomerManagedKey) {
            report("The queue has no kmsMasterKeyId: messages are encrypted only with SQS-owned keys (SSE-SQS), so no key policy or CloudTrail record of key use stands between anyone allowed sqs:ReceiveMessage and the messages; expected kmsMasterKeyId naming a customer-managed key.");
        }
    },
});
