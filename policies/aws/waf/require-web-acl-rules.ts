import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

export default defineResourceRule({
    name: "require-web-acl-rules",
    description: "WAF web ACLs must contain rules, each with CloudWatch metrics, and must publish metrics themselves.",
    severity: "medium",
    controls: ["FSBP WAF.10", "FSBP WAF.12"],
    remediation: "Add rules to the aws.wafv2.WebAcl (e.g. AWS managed rule groups and a rate-based rule) and set `visibilityConfig.cloudwatchMetricsEnabled: true` on the ACL and on every rule.",
    resourceTypes: ["aws:wafv2/webAcl:WebAcl"],
    validate(props, _context, report) {
        const rules = list(props.rules);
        if (rules.length === 0 && !props.ruleJson) {
            report("The web ACL has no rules: it applies only its default action to every request.");
        }
        if (props.visibilityConfig?.cloudwatchMetricsEnabled !== true) {
            report("visibilityConfig.cloudwatchMetricsEnabled is not true on the web ACL.");
        }
        for (const rule of rules) {
            if (rule.visibilityConfig?.cloudwatchMetricsEnabled !== true) {
                report(`Rule ${rule.name} has no CloudWatch metrics.`);
            }
        }
    },
});
