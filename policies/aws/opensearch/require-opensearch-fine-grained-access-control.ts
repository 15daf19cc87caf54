import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-opensearch-fine-grained-access-control",
    description: "OpenSearch Service domains (and legacy Elasticsearch domains) must enable fine-grained access control, without anonymous access, so every request is authenticated and authorized per index, document and field.",
    severity: "high",
    controls: ["FSBP Opensearch.7"],
    remediation: "Set `advancedSecurityOptions: { enabled: true, masterUserOptions: { masterUserArn: <IAM role ARN> } }` on the aws.opensearch.Domain (or aws.elasticsearch.Domain), with `anonymousAuthEnabled` unset or false; it needs encryption at rest, node-to-node encryption and HTTPS on.",
    resourceTypes: ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"],
    validate(props, _context, report) {
        const security = props.advancedSecurityOptions;
        if (security?.enabled !== true) {
            report("advancedSecurityOptions.enabled is not true: fine-grained access control is off, so whoever the access policy admits can read and change every index; expected advancedSecurityOptions: { enabled: true }.");
        } else if (security.anonymousAuthEnabled === true) {
            report("advancedSecurityOptions.anonymousAuthEnabled is true: requests without credentials are served with the anonymous role's permissions; expected it unset or false.");
        }
    },
});
