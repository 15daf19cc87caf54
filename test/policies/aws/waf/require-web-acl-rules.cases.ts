import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const metrics = (metricName: string, cloudwatchMetricsEnabled: unknown = true) => ({ cloudwatchMetricsEnabled, metricName, sampledRequestsEnabled: true });
const managedRule = (name: string, priority: number, enabled: unknown = true) => ({
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
    visibilityConfig: metrics(name, enabled),
});
const rateLimit = (enabled: unknown = true) => ({
    name: "rate-limit",
    priority: 100,
    action: { block: {} },
    statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
    visibilityConfig: metrics("rate-limit", enabled),
});
const webAcl = (name: string, props: Record<string, unknown>) =>
    resource("aws:wafv2/webAcl:WebAcl", name, { name, scope: "REGIONAL", defaultAction: { allow: {} }, visibilityConfig: metrics(name), ...props });

export default ruleCases("require-web-acl-rules", {
    compliant: [
        {
            name: "managed rule groups and a rate-based rule, all with metrics",
            resources: [webAcl("edge", { rules: [managedRule("AWSManagedRulesCommonRuleSet", 10), managedRule("AWSManagedRulesKnownBadInputsRuleSet", 20), rateLimit()] })],
        },
        {
            name: "rules given as JSON",
            resources: [webAcl("json", {
                ruleJson: JSON.stringify([{ Name: "common", Priority: 10, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesCommonRuleSet" } }, VisibilityConfig: { CloudWatchMetricsEnabled: true, MetricName: "common", SampledRequestsEnabled: true } }]),
            })],
        },
    ],
    violating: [
        { name: "a web ACL without rules", resources: [webAcl("empty", { rules: [] })], message: /The web ACL has no rules: it applies only its default action to every request\./ },
        {
            name: "a web ACL without CloudWatch metrics",
            resources: [webAcl("dark", { rules: [rateLimit()], visibilityConfig: metrics("dark", false) })],
            message: /visibilityConfig\.cloudwatchMetricsEnabled is not true on the web ACL\./,
        },
        {
            name: "a rule without CloudWatch metrics",
            resources: [webAcl("partial", { rules: [managedRule("AWSManagedRulesCommonRuleSet", 10), rateLimit(false)] })],
            message: /Rule rate-limit has no CloudWatch metrics\./,
        },
    ],
    unknown: [
        { name: "rules not known yet", resources: [webAcl("later", { rules: unknown })] },
        { name: "a rule's metrics setting not known yet", resources: [webAcl("metrics", { rules: [rateLimit(unknown)] })] },
    ],
});
