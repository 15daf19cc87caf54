import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface EncryptedLogGroupArgs {
    /** The log group's name, e.g. `/secure-platform/prod/vpc-flow-logs`. */
    readonly logGroupName: string;
    /** ARN of the KMS key that encrypts the log data (the platform's `logs` key). */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Days to keep events (FSBP CloudWatch.16 expects at least 365). */
    readonly retentionInDays: number;
    /** Keep the log group out of reach of `pulumi destroy` (prod audit trails). @default false */
    readonly protect?: boolean;
}

/** A log group encrypted with a customer-managed key and with a retention period: no log group is made otherwise. */
export function encryptedLogGroup(name: string, args: EncryptedLogGroupArgs, parent: pulumi.Resource): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(name, {
        name: args.logGroupName,
        kmsKeyId: args.kmsKeyArn,
        retentionInDays: args.retentionInDays,
        logGroupClass: "STANDARD",
        tags: { Name: args.logGroupName },
    }, { parent, protect: args.protect });
}
