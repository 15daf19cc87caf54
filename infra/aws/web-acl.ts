import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, ResolvedAwsContext, withAwsContext } from "./aws-context";
import { encryptedLogGroup } from "./log-group";

/** AWS managed rule groups the web ACL runs, in evaluation order. */
export const MANAGED_RULE_GROUPS = [
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesSQLiRuleSet",
] as const;

/** Request parts never written to WAF logs: credentials and session cookies. */
export const REDACTED_HEADERS = ["authorization", "cookie"] as const;

/**
 * The log-delivery permission WAF needs on its log group, granted for this log group only and only on
 * behalf of this account (confused-deputy conditions).
 */
export function wafLogDeliveryPolicy(context: ResolvedAwsContext, logGroupArn: string): string {
    const arn = logGroupArn.replace(/:\*$/, "");
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Sid: "WafLogDelivery",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `${arn}:*`,
            Condition: {
                StringEquals: { "aws:SourceAccount": context.accountId },
                ArnLike: { "aws:SourceArn": `arn:${context.partition}:logs:${context.region}:${context.accountId}:*` },
            },
        }],
    });
}

export interface WebAclArgs {
    readonly context: AwsContext;
    /** ARN of the regional resource to protect (the load balancer). */
    readonly resourceArn: pulumi.Input<string>;
    /** Requests per client IP per 5 minutes before it is blocked. */
    readonly rateLimit: number;
    /** WAF logs: KMS key and retention of their log group (FSBP WAF.11). */
    readonly logs: { readonly kmsKeyArn: pulumi.Input<string>; readonly retentionInDays: number };
    /** Name of the WAF log group; WAF requires the `aws-waf-logs-` prefix. */
    readonly logGroupName: string;
    /** Keep the log group from `pulumi destroy`. @default false */
    readonly protect?: boolean;
}

/**
 * A regional WAF web ACL in front of the load balancer: IP reputation, common attacks, known bad
 * inputs and SQL injection rule groups from AWS, a per-IP rate limit, metrics for every rule, and
 * logging with credentials redacted.
 */
export class WebAcl extends pulumi.ComponentResource {
    readonly webAcl: aws.wafv2.WebAcl;
    readonly logGroup: aws.cloudwatch.LogGroup;

    constructor(name: string, args: WebAclArgs, opts?: pulumi.ComponentResourceOptions) {
        if (!args.logGroupName.startsWith("aws-waf-logs-")) {
            throw new Error(`WebAcl: logGroupName ${JSON.stringify(args.logGroupName)} must start with "aws-waf-logs-" (a WAF requirement)`);
        }
        if (!Number.isInteger(args.rateLimit) || args.rateLimit < 100) {
            throw new Error(`WebAcl: rateLimit must be a whole number of at least 100, got ${args.rateLimit}`);
        }
        super("secure-platform:aws:WebAcl", name, {}, opts);
        const metric = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

        this.webAcl = new aws.wafv2.WebAcl(name, {
            scope: "REGIONAL",
            description: "DMZ load balancer: AWS managed protections and a per-IP rate limit",
            defaultAction: { allow: {} },
            rules: [
                ...MANAGED_RULE_GROUPS.map((group, priority) => ({
                    name: group,
                    priority,
                    overrideAction: { none: {} },
                    statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
                    visibilityConfig: metric(group),
                })),
                {
                    name: "rate-limit-per-ip",
                    priority: MANAGED_RULE_GROUPS.length,
                    action: { block: {} },
                    statement: { rateBasedStatement: { limit: args.rateLimit, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
                    visibilityConfig: metric("rate-limit-per-ip"),
                },
            ],
            visibilityConfig: metric(name),
            tags: { Name: name },
        }, { parent: this });

        new aws.wafv2.WebAclAssociation(name, { resourceArn: args.resourceArn, webAclArn: this.webAcl.arn }, { parent: this });

        this.logGroup = encryptedLogGroup(`${name}-logs`, {
            logGroupName: args.logGroupName,
            kmsKeyArn: args.logs.kmsKeyArn,
            retentionInDays: args.logs.retentionInDays,
            protect: args.protect,
        }, this);
        // Managed here so WAF does not grow a shared, account-wide resource policy of its own.
        const delivery = new aws.cloudwatch.LogResourcePolicy(`${name}-log-delivery`, {
            policyName: `${args.logGroupName}-delivery`,
            policyDocument: pulumi.all([withAwsContext(args.context, (c) => c), this.logGroup.arn]).apply(([c, arn]) => wafLogDeliveryPolicy(c, arn)),
        }, { parent: this });
        new aws.wafv2.WebAclLoggingConfiguration(name, {
            resourceArn: this.webAcl.arn,
            // WAF expects the log group ARN without the trailing ":*" CloudWatch adds in some APIs.
            logDestinationConfigs: [this.logGroup.arn.apply((arn) => arn.replace(/:\*$/, ""))],
            redactedFields: REDACTED_HEADERS.map((header) => ({ singleHeader: { name: header } })),
        }, { parent: this, dependsOn: [delivery] });

        this.registerOutputs({ webAclArn: this.webAcl.arn });
    }
}
