import { ruleCases, unknown } from "../../../harness/policy-cases";
import { domain, elasticsearchDomain } from "./baseline";

export default ruleCases("disallow-public-opensearch-domain", {
    compliant: [
        { name: "a domain in a VPC", resources: [domain("search")] },
        { name: "a legacy Elasticsearch domain in a VPC", resources: [elasticsearchDomain("logs")] },
    ],
    violating: [
        { name: "no vpcOptions (a public endpoint)", resources: [domain("search", { vpcOptions: undefined })], message: /The domain has no vpcOptions\.subnetIds: it gets a public endpoint on the internet/ },
        { name: "vpcOptions without subnets", resources: [elasticsearchDomain("logs", { vpcOptions: { securityGroupIds: ["sg-0c3d4e5f607182930"] } })], message: /no vpcOptions\.subnetIds/ },
    ],
    unknown: [
        { name: "the subnets not known yet", resources: [domain("later", { vpcOptions: { subnetIds: unknown } })] },
    ],
});
