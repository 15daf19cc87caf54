import { defineResourceRule } from "../../lib/rule";
import { isAwsManagedKey } from "../../lib/kms-keys";

export default defineResourceRule<{ requireCustomerManagedKey: boolean }>({
    name: "require-opensearch-encryption-at-rest",
    description: "OpenSearch Service domains (and legacy Elasticsearch domains) must encrypt their indexes, logs, swap files and automated snapshots at rest.",
    severity: "medium",
    controls: ["FSBP Opensearch.1", "FSBP ES.1"],
    remediation: "Set `encryptAtRest: { enabled: true, kmsKeyId: <customer-managed key ARN> }` on the aws.opensearch.Domain (or aws.elasticsearch.Domain).",
    config: {
        requireCustomerManagedKey: {
            type: "boolean",
            default: false,
            description: "Also require `encryptAtRest.kmsKeyId` to name a customer-managed key rather than the AWS-managed aws/es key (FSBP Opensearch.1 accepts either).",
        },
    },
    resourceTypes: ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"],
    validate(props, { config }, report) {
        const encryptAtRest = props.encryptAtRest;
        if (encryptAtRest?.enabled !== true) {
            report("encryptAtRest.enabled is not true (without the block the default is false): the domain's indexes and automated snapshots are stored unencrypted; expected encryptAtRest: { enabled: true }.");
            return;
        }
        if (config.requireCustomerManagedKey) {
            const key = encryptAtRest.kmsKeyId;
            if (typeof key !== "string" || key === "" || isAwsManagedKey(key)) {
                report(`The domain is encrypted with ${typeof key === "string" && key !== "" ? key : "the AWS-managed aws/es key (no kmsKeyId)"}, whose key policy cannot be narrowed; expected encryptAtRest.kmsKeyId naming a customer-managed key.`);
            }
        }
    },
});
