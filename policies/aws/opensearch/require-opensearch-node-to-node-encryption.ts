import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-opensearch-node-to-node-encryption",
    description: "OpenSearch Service domains (and legacy Elasticsearch domains) must encrypt the traffic between their nodes with TLS.",
    severity: "medium",
    controls: ["FSBP Opensearch.3", "FSBP ES.3"],
    remediation: "Set `nodeToNodeEncryption: { enabled: true }` on the aws.opensearch.Domain (or aws.elasticsearch.Domain).",
    resourceTypes: ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"],
    validate(props, _context, report) {
        if (props.nodeToNodeEncryption?.enabled !== true) {
            report("nodeToNodeEncryption.enabled is not true (without the block the default is false): documents and queries cross the VPC between the domain's nodes in plain text; expected nodeToNodeEncryption: { enabled: true }.");
        }
    },
});
