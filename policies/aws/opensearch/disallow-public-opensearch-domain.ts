import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

export default defineResourceRule({
    name: "disallow-public-opensearch-domain",
    description: "OpenSearch Service domains (and legacy Elasticsearch domains) must be placed in a VPC, never on a public endpoint.",
    severity: "critical",
    controls: ["FSBP Opensearch.2", "FSBP ES.2"],
    remediation: "Set `vpcOptions: { subnetIds: [<private subnets>], securityGroupIds: [<security group admitting only the clients>] }` on the aws.opensearch.Domain (or aws.elasticsearch.Domain). A domain cannot move into a VPC: create a new one and restore a snapshot into it.",
    resourceTypes: ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"],
    validate(props, _context, report) {
        if (list(props.vpcOptions?.subnetIds).length === 0) {
            report("The domain has no vpcOptions.subnetIds: it gets a public endpoint on the internet, guarded only by its access policy; expected vpcOptions with private subnets and a security group.");
        }
    },
});
