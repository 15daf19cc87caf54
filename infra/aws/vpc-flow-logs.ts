import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, ResolvedAwsContext, withAwsContext } from "./aws-context";
import { encryptedLogGroup } from "./log-group";

export interface VpcFlowLogsArgs {
    readonly vpcId: pulumi.Input<string>;
    readonly context: AwsContext;
    /** Name of the log group the records go to. */
    readonly logGroupName: string;
    /** ARN of the KMS key that encrypts the log group. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Days to keep flow log records. */
    readonly retentionInDays: number;
    /** Keep the log group from `pulumi destroy`. @default false */
    readonly protect?: boolean;
}

/** The trust policy of the delivery role: only the flow logs service, only for this account's flow logs (confused deputy). */
export function flowLogsTrustPolicy(context: ResolvedAwsContext): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: {
                StringEquals: { "aws:SourceAccount": context.accountId },
                ArnLike: { "aws:SourceArn": `arn:${context.partition}:ec2:${context.region}:${context.accountId}:vpc-flow-log/*` },
            },
        }],
    });
}

/** Delivery permissions on the one log group, nothing else. */
export function flowLogsDeliveryPolicy(logGroupArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
            Resource: [logGroupArn, `${logGroupArn}:*`],
        }],
    });
}

/**
 * Records all accepted and rejected traffic of a VPC (FSBP EC2.6) into a KMS-encrypted log group with
 * a retention period, delivered by a role that can write to that log group only.
 */
export class VpcFlowLogs extends pulumi.ComponentResource {
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly flowLog: aws.ec2.FlowLog;

    constructor(name: string, args: VpcFlowLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("secure-platform:aws:VpcFlowLogs", name, {}, opts);

        this.logGroup = encryptedLogGroup(`${name}-logs`, {
            logGroupName: args.logGroupName,
            kmsKeyArn: args.kmsKeyArn,
            retentionInDays: args.retentionInDays,
            protect: args.protect,
        }, this);

        const role = new aws.iam.Role(`${name}-delivery`, {
            description: `Delivers VPC flow logs to ${args.logGroupName}`,
            assumeRolePolicy: withAwsContext(args.context, flowLogsTrustPolicy),
        }, { parent: this });
        const delivery = new aws.iam.RolePolicy(`${name}-delivery`, {
            role: role.id,
            policy: this.logGroup.arn.apply(flowLogsDeliveryPolicy),
        }, { parent: this });

        this.flowLog = new aws.ec2.FlowLog(name, {
            vpcId: args.vpcId,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: this.logGroup.arn,
            iamRoleArn: role.arn,
            maxAggregationInterval: 60,
            tags: { Name: name },
        }, { parent: this, dependsOn: [delivery] });

        this.registerOutputs({ logGroupName: this.logGroup.name, flowLogId: this.flowLog.id });
    }
}
