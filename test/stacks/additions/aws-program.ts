/**
 * The real program plus the AWS resources teams commonly add (catalogue.ts, AWS_ADDITIONS), each in an insecure and
 * a secure twin. The secure twins use what the platform exports (its customer-managed keys, its private subnets) as
 * a team's code would, and the lookups teams use: policy documents, an AMI, the account and region.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const outputs = require("../../../infra");

interface PlatformOutputs {
    readonly vpcId: string;
    readonly appSubnetIds: string[];
    readonly dataSubnetIds: string[];
    readonly kmsKeyArns: { readonly ebs: string; readonly logs: string; readonly backup: string; readonly secrets: string };
    readonly accessLogBucket: string;
}
const platform = pulumi.output(outputs as Promise<PlatformOutputs>);
const keys = platform.kmsKeyArns;

// Stacks disable default providers; a team's resources go through an explicit one.
const provider = new aws.Provider("team", { region: "eu-west-1" });
const opts = { provider };
const identity = aws.getCallerIdentityOutput({}, opts);
const partition = aws.getPartitionOutput({}, opts);
const region = aws.getRegionOutput({}, opts);

// A bucket with a bucket policy.
{
    const open = new aws.s3.Bucket("bucket-insecure", {}, opts);
    const readable = aws.iam.getPolicyDocumentOutput({
        statements: [{ sid: "PublicRead", actions: ["s3:GetObject"], resources: [pulumi.interpolate`${open.arn}/*`], principals: [{ type: "*", identifiers: ["*"] }] }],
    }, opts);
    new aws.s3.BucketPolicy("bucket-insecure", { bucket: open.id, policy: readable.json }, opts);

    const closed = new aws.s3.Bucket("bucket-secure", {}, opts);
    new aws.s3.BucketPublicAccessBlock("bucket-secure", { bucket: closed.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, opts);
    new aws.s3.BucketOwnershipControls("bucket-secure", { bucket: closed.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
    new aws.s3.BucketLogging("bucket-secure", { bucket: closed.id, targetBucket: platform.accessLogBucket, targetPrefix: "s3-access-logs/" }, opts);
    new aws.s3.BucketServerSideEncryptionConfiguration("bucket-secure", {
        bucket: closed.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keys.backup }, bucketKeyEnabled: true }],
    }, opts);
    const tlsOnly = aws.iam.getPolicyDocumentOutput({
        statements: [{
            sid: "DenyPlainHttp",
            effect: "Deny",
            actions: ["s3:*"],
            resources: [closed.arn, pulumi.interpolate`${closed.arn}/*`],
            principals: [{ type: "*", identifiers: ["*"] }],
            conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        }, {
            sid: "AccountReads",
            actions: ["s3:GetObject"],
            resources: [pulumi.interpolate`${closed.arn}/*`],
            principals: [{ type: "AWS", identifiers: [pulumi.interpolate`arn:${partition.partition}:iam::${identity.accountId}:role/orders-reader`] }],
        }],
    }, opts);
    new aws.s3.BucketPolicy("bucket-secure", { bucket: closed.id, policy: tlsOnly.json }, opts);
}

// An RDS PostgreSQL instance.
new aws.rds.Instance("rds-insecure", {
    engine: "postgres", engineVersion: "17.4", instanceClass: "db.t4g.micro", allocatedStorage: 20,
    username: "orders", password: "orders-password-1", publiclyAccessible: true, skipFinalSnapshot: true,
}, opts);
{
    const subnets = new aws.rds.SubnetGroup("rds-secure", { subnetIds: platform.dataSubnetIds }, opts);
    new aws.rds.Instance("rds-secure", {
        engine: "postgres", engineVersion: "17.4", instanceClass: "db.t4g.micro", allocatedStorage: 20,
        username: "orders", manageMasterUserPassword: true, masterUserSecretKmsKeyId: keys.secrets,
        dbSubnetGroupName: subnets.name, publiclyAccessible: false,
        storageEncrypted: true, kmsKeyId: keys.backup, backupRetentionPeriod: 7, deletionProtection: true,
        iamDatabaseAuthenticationEnabled: true, enabledCloudwatchLogsExports: ["postgresql", "upgrade", "iam-db-auth-error"],
        autoMinorVersionUpgrade: true, skipFinalSnapshot: false, finalSnapshotIdentifier: "rds-secure-final",
    }, opts);
}

// An SQS queue and an SNS topic.
new aws.sqs.Queue("queue-insecure", { sqsManagedSseEnabled: false }, opts);
new aws.sqs.Queue("queue-secure", { kmsMasterKeyId: keys.secrets }, opts);
new aws.sns.Topic("topic-insecure", {}, opts);
new aws.sns.Topic("topic-secure", { kmsMasterKeyId: keys.secrets }, opts);

// A Lambda function with a function URL.
{
    const trust = aws.iam.getPolicyDocumentOutput({ statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }] }] }, opts);
    const code = new pulumi.asset.AssetArchive({ "index.mjs": new pulumi.asset.StringAsset("export const handler = async () => ({ statusCode: 200 });") });
    for (const twin of ["insecure", "secure"] as const) {
        const role = new aws.iam.Role(`function-url-${twin}`, { assumeRolePolicy: trust.json }, opts);
        const secure = twin === "secure";
        const group = secure ? new aws.ec2.SecurityGroup("function-url-secure", { vpcId: platform.vpcId, description: "orders function: HTTPS out only" }, opts) : undefined;
        if (group) {
            new aws.vpc.SecurityGroupEgressRule("function-url-secure-https", { securityGroupId: group.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" }, opts);
        }
        const fn = new aws.lambda.Function(`function-url-${twin}`, {
            role: role.arn, runtime: "nodejs22.x", handler: "index.handler", code,
            environment: { variables: secure ? { DB_PASSWORD_SECRET_ARN: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders-db-AbCdEf` } : { DB_PASSWORD: "orders-password-1" } },
            ...(group ? { vpcConfig: { subnetIds: platform.appSubnetIds, securityGroupIds: [group.id] }, kmsKeyArn: keys.secrets } : {}),
        }, opts);
        new aws.lambda.FunctionUrl(`function-url-${twin}`, { functionName: fn.name, authorizationType: secure ? "AWS_IAM" : "NONE" }, opts);
    }
}

// An IAM role with an inline policy, both documents from getPolicyDocument.
{
    const anyone = aws.iam.getPolicyDocumentOutput({ statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "AWS", identifiers: ["*"] }] }] }, opts);
    const admin = aws.iam.getPolicyDocumentOutput({ statements: [{ actions: ["*"], resources: ["*"] }] }, opts);
    const role = new aws.iam.Role("role-insecure", { assumeRolePolicy: anyone.json }, opts);
    new aws.iam.RolePolicy("role-insecure", { role: role.id, policy: admin.json }, opts);

    const ecsTasks = aws.iam.getPolicyDocumentOutput({
        statements: [{
            actions: ["sts:AssumeRole"],
            principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }],
            conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [identity.accountId] }],
        }],
    }, opts);
    const reads = aws.iam.getPolicyDocumentOutput({
        statements: [{
            actions: ["dynamodb:GetItem", "dynamodb:Query"],
            resources: [pulumi.interpolate`arn:${partition.partition}:dynamodb:${region.region}:${identity.accountId}:table/orders`],
        }],
    }, opts);
    const least = new aws.iam.Role("role-secure", { assumeRolePolicy: ecsTasks.json }, opts);
    new aws.iam.RolePolicy("role-secure", { role: least.id, policy: reads.json }, opts);
}

// An EC2 instance on the latest Amazon Linux AMI, which only the account could name: unknown offline.
{
    const ami = aws.ec2.getAmiOutput({ mostRecent: true, owners: ["amazon"], filters: [{ name: "name", values: ["al2023-ami-*-x86_64"] }] }, opts);
    new aws.ec2.Instance("instance-insecure", { ami: ami.id, instanceType: "t3.micro", associatePublicIpAddress: true }, opts);
    new aws.ec2.Instance("instance-secure", {
        ami: ami.id, instanceType: "t3.micro", subnetId: platform.appSubnetIds[0], associatePublicIpAddress: false,
        metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" },
        rootBlockDevice: { encrypted: true, kmsKeyId: keys.ebs, volumeType: "gp3" },
    }, opts);
}

// A launch template for an Auto Scaling group.
new aws.ec2.LaunchTemplate("launch-template-insecure", { imageId: "ami-0123456789abcdef0", instanceType: "t3.micro" }, opts);
new aws.ec2.LaunchTemplate("launch-template-secure", {
    imageId: "ami-0123456789abcdef0", instanceType: "t3.micro",
    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" },
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: keys.ebs, volumeType: "gp3", volumeSize: 20 } }],
}, opts);

// A managed node group for a team's workloads: on the template EKS generates, or on the team's own.
{
    const nodeRoleArn = pulumi.interpolate`arn:${partition.partition}:iam::${identity.accountId}:role/team-nodes`;
    const scalingConfig = { desiredSize: 2, minSize: 2, maxSize: 4 };
    new aws.eks.NodeGroup("node-group-insecure", { clusterName: "platform", nodeRoleArn, subnetIds: platform.appSubnetIds, scalingConfig, instanceTypes: ["m7i.large"] }, opts);
    const template = new aws.ec2.LaunchTemplate("node-group-secure", {
        metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" },
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: keys.ebs, volumeType: "gp3", volumeSize: 50 } }],
    }, opts);
    new aws.eks.NodeGroup("node-group-secure", {
        clusterName: "platform", nodeRoleArn, subnetIds: platform.appSubnetIds, scalingConfig, instanceTypes: ["m7i.large"],
        launchTemplate: { id: template.id, version: template.latestVersion.apply(String) },
    }, opts);
}

// A security group for a service.
{
    const open = new aws.ec2.SecurityGroup("security-group-insecure", { vpcId: platform.vpcId, description: "orders admin" }, opts);
    new aws.vpc.SecurityGroupIngressRule("security-group-insecure-ssh", { securityGroupId: open.id, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }, opts);
    const closed = new aws.ec2.SecurityGroup("security-group-secure", { vpcId: platform.vpcId, description: "orders API" }, opts);
    new aws.vpc.SecurityGroupIngressRule("security-group-secure-https", { securityGroupId: closed.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.10.0.0/16" }, opts);
}

// A log group, a KMS key, a secret, an EBS volume.
new aws.cloudwatch.LogGroup("log-group-insecure", { retentionInDays: 7 }, opts);
new aws.cloudwatch.LogGroup("log-group-secure", { retentionInDays: 365, kmsKeyId: keys.logs }, opts);
{
    const everyone = aws.iam.getPolicyDocumentOutput({ statements: [{ actions: ["kms:*"], resources: ["*"], principals: [{ type: "AWS", identifiers: ["*"] }] }] }, opts);
    new aws.kms.Key("kms-key-insecure", { policy: everyone.json }, opts);
    const account = pulumi.interpolate`arn:${partition.partition}:iam::${identity.accountId}`;
    const named = aws.iam.getPolicyDocumentOutput({
        statements: [{
            sid: "KeyAdministrators",
            actions: ["kms:Describe*", "kms:Get*", "kms:List*", "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:TagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
            resources: ["*"],
            principals: [{ type: "AWS", identifiers: [pulumi.interpolate`${account}:role/platform-deployer`] }],
        }, {
            sid: "OrdersUse",
            actions: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"],
            resources: ["*"],
            principals: [{ type: "AWS", identifiers: [pulumi.interpolate`${account}:role/orders-api`] }],
        }],
    }, opts);
    new aws.kms.Key("kms-key-secure", { enableKeyRotation: true, deletionWindowInDays: 30, policy: named.json }, opts);
}
new aws.secretsmanager.Secret("secret-insecure", {}, opts);
new aws.secretsmanager.Secret("secret-secure", { kmsKeyId: keys.secrets, recoveryWindowInDays: 30 }, opts);
{
    const zone = aws.getAvailabilityZonesOutput({ state: "available" }, opts).names[0];
    new aws.ebs.Volume("volume-insecure", { availabilityZone: zone, size: 20 }, opts);
    new aws.ebs.Volume("volume-secure", { availabilityZone: zone, size: 20, encrypted: true, kmsKeyId: keys.ebs, type: "gp3" }, opts);
}

// A DynamoDB table and an ECR repository.
new aws.dynamodb.Table("table-insecure", { billingMode: "PAY_PER_REQUEST", hashKey: "id", attributes: [{ name: "id", type: "S" }] }, opts);
new aws.dynamodb.Table("table-secure", {
    billingMode: "PAY_PER_REQUEST", hashKey: "id", attributes: [{ name: "id", type: "S" }],
    serverSideEncryption: { enabled: true, kmsKeyArn: keys.backup }, pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true,
}, opts);
new aws.ecr.Repository("repository-insecure", {}, opts);
new aws.ecr.Repository("repository-secure", {
    imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true },
    encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: keys.backup }],
}, opts);

module.exports = outputs;
