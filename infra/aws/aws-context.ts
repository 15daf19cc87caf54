import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Where the platform is deployed: the values ARNs, service principals and key policies are built from. */
export interface AwsContext {
    readonly region: string;
    readonly accountId: pulumi.Output<string>;
    /** `aws`, `aws-cn` or `aws-us-gov`. */
    readonly partition: pulumi.Output<string>;
    /** `amazonaws.com`, or `amazonaws.com.cn` in China. */
    readonly dnsSuffix: pulumi.Output<string>;
}

/** Looks the account and partition up through `provider`, so they follow the credentials in use. */
export function lookupAwsContext(region: string, provider: aws.Provider): AwsContext {
    const identity = aws.getCallerIdentityOutput({}, { provider });
    const partition = aws.getPartitionOutput({}, { provider });
    return {
        region,
        accountId: identity.accountId,
        partition: partition.partition,
        dnsSuffix: partition.dnsSuffix,
    };
}

/** Plain values of an `AwsContext`, for the pure document builders. */
export interface ResolvedAwsContext {
    readonly region: string;
    readonly accountId: string;
    readonly partition: string;
    readonly dnsSuffix: string;
}

/** Resolves the context once and builds a value from it (policy documents, ARNs). */
export function withAwsContext<T>(context: AwsContext, build: (resolved: ResolvedAwsContext) => T): pulumi.Output<T> {
    return pulumi
        .all([context.accountId, context.partition, context.dnsSuffix])
        .apply(([accountId, partition, dnsSuffix]) => build({ region: context.region, accountId, partition, dnsSuffix }));
}
