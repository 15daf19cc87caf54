import { ruleCases, unknown } from "../../../harness/policy-cases";
import { domain, elasticsearchDomain } from "./baseline";

const cmk = { "require-opensearch-encryption-at-rest": { requireCustomerManagedKey: true } };

export default ruleCases("require-opensearch-encryption-at-rest", {
    compliant: [
        { name: "a domain encrypted with a customer-managed key", resources: [domain("search")] },
        { name: "a legacy Elasticsearch domain encrypted at rest", resources: [elasticsearchDomain("logs")] },
        { name: "the AWS-managed key", resources: [domain("search", { encryptAtRest: { enabled: true } })] },
        { name: "a customer-managed key where the team requires one", resources: [domain("search")], config: cmk },
    ],
    violating: [
        { name: "encryption at rest off", resources: [domain("search", { encryptAtRest: { enabled: false } })], message: /encryptAtRest\.enabled is not true .*stored unencrypted/ },
        { name: "no encryptAtRest block", resources: [domain("search", { encryptAtRest: undefined })], message: /encryptAtRest\.enabled is not true \(without the block the default is false\)/ },
        { name: "a legacy Elasticsearch domain without encryption", resources: [elasticsearchDomain("logs", { encryptAtRest: undefined })], message: /encryptAtRest\.enabled is not true/ },
        { name: "the AWS-managed key where the team requires a customer-managed one", resources: [domain("search", { encryptAtRest: { enabled: true } })], config: cmk, message: /the AWS-managed aws\/es key \(no kmsKeyId\)/ },
    ],
    unknown: [
        { name: "encryption at rest not known yet", resources: [domain("later", { encryptAtRest: { enabled: unknown } })] },
    ],
});
