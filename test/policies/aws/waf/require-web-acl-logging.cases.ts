import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

type Resource = ReturnType<typeof resource>;

const LOG_GROUP = "arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-edge";
const webAcl = (name: string, arn: unknown = `arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/${name}/a1b2c3d4-5678-490a-bcde-f0123456789a`) =>
    resource("aws:wafv2/webAcl:WebAcl", name, {
        name,
        scope: "REGIONAL",
        defaultAction: { allow: {} },
        rules: [{
            name: "common",
            priority: 10,
            overrideAction: { none: {} },
            statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } },
            visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "common", sampledRequestsEnabled: true },
        }],
        visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
        arn,
    });
const logging = (name: string, target: Resource | string) => {
    const props = { logDestinationConfigs: [LOG_GROUP], redactedFields: [{ singleHeader: { name: "authorization" } }] };
    return typeof target === "string"
        ? resource("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", name, { resourceArn: target, ...props })
        : resource("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", name, { resourceArn: target.props.arn, ...props }, { from: { resourceArn: [target] } });
};

const edge = webAcl("edge");
const admin = webAcl("admin");
const fresh = webAcl("fresh", unknown);

export default ruleCases("require-web-acl-logging", {
    compliant: [
        { name: "a web ACL with a logging configuration", resources: [edge, logging("edge-logs", edge)] },
        { name: "two web ACLs, each logged", resources: [edge, admin, logging("edge-logs", edge), logging("admin-logs", admin)] },
        { name: "a logging configuration naming the web ACL by ARN", resources: [edge, logging("edge-logs", "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/edge/a1b2c3d4-5678-490a-bcde-f0123456789a")] },
        { name: "a web ACL whose ARN is not known yet, matched through the engine's dependency record", resources: [fresh, logging("fresh-logs", fresh)] },
        { name: "no web ACL at all", resources: [resource("aws:cloudwatch/logGroup:LogGroup", "waf", { name: "aws-waf-logs-edge", retentionInDays: 365 })] },
    ],
    violating: [
        { name: "a web ACL without logging", resources: [edge], message: /Web ACL edge has no logging configuration\./ },
        { name: "the logging configuration belongs to the other web ACL", resources: [edge, admin, logging("admin-logs", admin)], message: /Web ACL edge has no logging configuration\./ },
    ],
    unknown: [
        { name: "a logging configuration naming an unmanaged web ACL by an ARN not known yet", resources: [edge, logging("later", unknown)] },
    ],
});
