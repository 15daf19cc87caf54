import { defineStackRule } from "../../lib/rule";
import { ofType, referrers } from "../../lib/values";

export default defineStackRule({
    name: "require-web-acl-logging",
    description: "Every WAF web ACL must log the requests it inspects.",
    severity: "low",
    controls: ["FSBP WAF.11"],
    remediation: "Add an aws.wafv2.WebAclLoggingConfiguration with `resourceArn` set to the web ACL and a destination (a KMS-encrypted CloudWatch log group named aws-waf-logs-*), redacting authorization headers.",
    validate(resources, _context, report) {
        const loggingOf = referrers(ofType(resources, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"), "resourceArn", "arn");
        for (const acl of ofType(resources, "aws:wafv2/webAcl:WebAcl")) {
            if (loggingOf(acl).length === 0) {
                report(acl, `Web ACL ${acl.name} has no logging configuration.`);
            }
        }
    },
});
