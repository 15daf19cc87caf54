import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-distribution-web-acl",
    description: "CloudFront distributions must be protected by a WAF web ACL.",
    severity: "medium",
    controls: ["FSBP CloudFront.6"],
    remediation: "Set `webAclId` on the aws.cloudfront.Distribution to the ARN of an aws.wafv2.WebAcl with `scope: \"CLOUDFRONT\"` (created in us-east-1), with AWS managed rule groups and a rate-based rule.",
    resourceTypes: ["aws:cloudfront/distribution:Distribution"],
    validate(props, _context, report) {
        if (!props.webAclId) {
            report("webAclId is not set: requests reach the distribution and its origins unfiltered. Expected a CLOUDFRONT-scoped web ACL.");
        }
    },
});
