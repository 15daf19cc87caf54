import * as aws from "@pulumi/aws";
import type { PlatformConfig } from "../config";
import { namePath, platformTags } from "../lib/tags";
import { lookupAwsContext } from "./aws-context";
import { KmsKeys } from "./kms-keys";
import { Network } from "./network";

/**
 * The AWS variant: an explicit provider (region, default tags, account guard), the customer-managed
 * keys and the tiered network. Returns the stack outputs.
 */
export function deployAwsPlatform(config: PlatformConfig) {
    const isProd = config.environment === "prod";
    const provider = new aws.Provider("aws", {
        region: config.region,
        defaultTags: { tags: platformTags(config) },
        ...(config.awsAccountId ? { allowedAccountIds: [config.awsAccountId] } : {}),
    });
    const context = lookupAwsContext(config.region, provider);

    const keys = new KmsKeys("keys", {
        context,
        aliasPrefix: namePath(config),
        deletionWindowInDays: config.kmsDeletionWindowDays,
        protect: isProd,
    }, { provider });

    const network = new Network("network", {
        context,
        cidrBlock: config.network.vpcCidr,
        availabilityZones: config.network.availabilityZones,
        natGateways: config.network.natGateways,
        flowLogs: {
            logGroupName: `/${namePath(config)}/vpc-flow-logs`,
            kmsKeyArn: keys.keys.logs.arn,
            retentionInDays: config.logRetentionDays,
        },
        protect: isProd,
    }, { provider });

    return {
        environment: config.environment,
        vpcId: network.vpc.id,
        dmzSubnetIds: network.subnets.dmz.map((s) => s.id),
        appSubnetIds: network.subnets.app.map((s) => s.id),
        dataSubnetIds: network.subnets.data.map((s) => s.id),
        kmsKeyArns: {
            cluster: keys.keys.cluster.arn,
            ebs: keys.keys.ebs.arn,
            logs: keys.keys.logs.arn,
            backup: keys.keys.backup.arn,
            secrets: keys.keys.secrets.arn,
        },
        flowLogGroup: network.flowLogs.logGroup.name,
    };
}
