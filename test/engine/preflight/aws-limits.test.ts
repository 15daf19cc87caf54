import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { awsLimitFindings } from "../../../engine/preflight/aws-limits";
import { Plain, PreflightStack } from "../../../engine/preflight/stack";
import { editInputs, handBuilt, resource, stackConfig } from "./hand-built-stacks";
import { renderStacks, RenderedStack } from "./rendered-stacks";

function judge(type: string, inputs: Plain): string[] {
    return awsLimitFindings(handBuilt([resource(type, "thing", inputs)])).map((f) => `${f.path}: ${f.message}`);
}

describe("aws-limits", () => {
    const cases: [string, string, Plain, Plain, RegExp][] = [
        ["an IAM role name over 64 characters", "aws:iam/role:Role", { name: "r".repeat(64) }, { name: "r".repeat(65) }, /name "r{65}" is 65 characters; 1 to 64 are allowed; IAM CreateRole rejects it/],
        ["an IAM role name prefix over 38 characters", "aws:iam/role:Role", { namePrefix: "p".repeat(38) }, { namePrefix: "p".repeat(39) }, /namePrefix .* is 39 characters; 1 to 38 are allowed/],
        ["an IAM role path without slashes at both ends", "aws:iam/role:Role", { path: "/platform/" }, { path: "platform/" }, /path "platform\/" must be "\/" or begin and end with "\/"/],
        ["an S3 bucket name with an underscore", "aws:s3/bucket:Bucket", { bucket: "platform-logs" }, { bucket: "platform_logs" }, /contains "_"/],
        ["an S3 bucket name with two adjacent periods", "aws:s3/bucket:Bucket", { bucket: "platform.logs" }, { bucket: "platform..logs" }, /contains two adjacent periods/],
        ["an S3 bucket name formatted as an IP address", "aws:s3/bucket:Bucket", { bucket: "192-168-5-4" }, { bucket: "192.168.5.4" }, /is formatted as an IP address/],
        ["an S3 bucket name with a reserved prefix", "aws:s3/bucket:Bucket", { bucket: "xn-platform" }, { bucket: "xn--platform" }, /starts with the reserved prefix xn--/],
        ["an S3 bucket name with a reserved suffix", "aws:s3/bucket:Bucket", { bucket: "platform-s3" }, { bucket: "platform-s3alias" }, /ends with the reserved suffix -s3alias/],
        ["an S3 bucket prefix over 37 characters", "aws:s3/bucket:Bucket", { bucketPrefix: "b".repeat(37) }, { bucketPrefix: "b".repeat(38) }, /bucketPrefix .* 1 to 37 are allowed/],
        ["a log group name with a space", "aws:cloudwatch/logGroup:LogGroup", { name: "/platform/vpc-flow#logs" }, { name: "/platform/vpc flow logs" }, /contains " "; allowed: letters, digits and \._-\/#/],
        ["a log group name over 512 characters", "aws:cloudwatch/logGroup:LogGroup", { name: "l".repeat(512) }, { name: "l".repeat(513) }, /is 513 characters/],
        ["a WAF log destination without the aws-waf-logs- prefix", "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
            { logDestinationConfigs: ["arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-platform"] },
            { logDestinationConfigs: ["arn:aws:logs:eu-west-1:111122223333:log-group:waf-logs-platform"] }, /logDestinationConfigs\[0\]: .*names the destination "waf-logs-platform", which does not start with "aws-waf-logs-"/],
        ["a KMS alias without alias/", "aws:kms/alias:Alias", { name: "alias/platform/dev/ebs" }, { name: "platform/dev/ebs" }, /does not begin with "alias\/"/],
        ["a KMS alias under alias/aws/", "aws:kms/alias:Alias", { name: "alias/platform/ebs" }, { name: "alias/aws/ebs" }, /reserved for AWS managed keys/],
        ["a load balancer name over 32 characters", "aws:lb/loadBalancer:LoadBalancer", { name: "l".repeat(32) }, { name: "l".repeat(33) }, /is 33 characters; 1 to 32 are allowed/],
        ["a load balancer name starting with internal-", "aws:lb/loadBalancer:LoadBalancer", { name: "platform-internal" }, { name: "internal-platform" }, /begins with "internal-"/],
        ["a target group name ending with a hyphen", "aws:lb/targetGroup:TargetGroup", { name: "gateway" }, { name: "gateway-" }, /begins or ends with a hyphen/],
        ["a target group name prefix over 6 characters", "aws:lb/targetGroup:TargetGroup", { namePrefix: "gatewa" }, { namePrefix: "gateway" }, /1 to 6 are allowed/],
        ["an EKS cluster name over 100 characters", "aws:eks/cluster:Cluster", { name: "c".repeat(100) }, { name: "c".repeat(101) }, /1 to 100 are allowed; EKS CreateCluster/],
        ["an EKS node group name over 63 characters", "aws:eks/nodeGroup:NodeGroup", { nodeGroupName: "n".repeat(63) }, { nodeGroupName: "n".repeat(64) }, /1 to 63 are allowed/],
        ["a secret name with a space", "aws:secretsmanager/secret:Secret", { name: "platform/dev/keystore" }, { name: "platform/dev key" }, /contains " "/],
        ["a backup vault name over 50 characters", "aws:backup/vault:Vault", { name: "v".repeat(50) }, { name: "v".repeat(51) }, /is 51 characters; 2 to 50 are allowed; Backup CreateBackupVault/],
        ["a backup selection name with a slash", "aws:backup/selection:Selection", { name: "platform-volumes" }, { name: "platform/volumes" }, /contains "\/"/],
        ["a security group description with a non-ASCII character", "aws:ec2/securityGroup:SecurityGroup", { description: "Nodes: API (443) & kubelet" }, { description: "Nodes → API" }, /contains "→"/],
        ["a security group name starting with sg-", "aws:ec2/securityGroup:SecurityGroup", { name: "platform-sg" }, { name: "sg-platform" }, /begins with "sg-"/],
        ["a security group rule description with an ampersand", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { description: "API from nodes and pods" }, { description: "API from nodes & pods" }, /contains "&"/],
        ["a launch template description over 255 characters", "aws:ec2/launchTemplate:LaunchTemplate", { description: "d".repeat(255) }, { description: "d".repeat(256) }, /is 256 characters/],
    ];
    for (const [what, type, good, bad, expected] of cases) {
        it(`finds ${what}`, () => {
            assert.deepEqual(judge(type, good), []);
            const findings = judge(type, bad);
            assert.equal(findings.length, 1, findings.join("\n"));
            assert.match(findings[0], expected);
        });
    }

    it("finds a tag key with the reserved aws: prefix and a value over 256 characters, and more than 50 tags with the provider's", () => {
        assert.match(judge("aws:ec2/vpc:Vpc", { tags: { "aws:owner": "platform" } })[0], /key "aws:owner" uses the reserved prefix "aws:"/);
        assert.match(judge("aws:ec2/vpc:Vpc", { tags: { Owner: "o".repeat(257) } })[0], /the value of "Owner" is 257 characters \(at most 256\)/);
        const provider = resource("pulumi:providers:aws", "aws", { defaultTags: { tags: Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`t${i}`, "x"])) } }, { id: "p" });
        const vpc = (count: number) => resource("aws:ec2/vpc:Vpc", "vpc", { tags: Object.fromEntries(Array.from({ length: count }, (_, i) => [`own${i}`, "x"])) }, { provider: `${provider.urn}::p` });
        assert.deepEqual(awsLimitFindings(handBuilt([provider, vpc(5)])), []);
        assert.match(awsLimitFindings(handBuilt([provider, vpc(6)]))[0].message, /it would carry 51 tags with the provider's default tags, over the 50 a resource may have/);
    });

    it("does not judge a value a preview does not know yet", () => {
        assert.deepEqual(judge("aws:iam/role:Role", { name: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }), []);
    });
});

describe("aws-limits of the committed stacks", () => {
    let stacks: Record<string, RenderedStack>;
    before(async () => {
        stacks = await renderStacks(["dev", "prod"]);
    });

    it("finds the backup vault's name over its limit once the stack's name makes it longer than 50 characters", () => {
        const resources = editInputs(stacks.prod.resources, (r) => r.type === "aws:backup/vault:Vault" && r.name === "backup", (inputs) => {
            inputs.name = `${inputs.name}-${"x".repeat(40)}`;
        });
        const [finding] = awsLimitFindings(new PreflightStack(resources, stackConfig("prod")));
        assert.equal(finding.path, "name");
        assert.equal(finding.refusedBy, "AWS Backup CreateBackupVault");
        assert.match(finding.message, /^Vault backup \(in BackupPlan backup\): name "secure-platform-prod-x{40}" is 61 characters; 2 to 50 are allowed/);
        assert.match(finding.fix, /shorten the part the program adds or the stack's name/);
    });

    it("finds a stack-wide tag with the reserved aws: prefix on the AWS provider", () => {
        const resources = editInputs(stacks.dev.resources, (r) => r.type === "pulumi:providers:aws", (inputs) => {
            inputs.defaultTags = { tags: { ...inputs.defaultTags.tags, "aws:cost-center": "platform" } };
        });
        const findings = awsLimitFindings(new PreflightStack(resources, stackConfig("dev")));
        assert.deepEqual(findings.map((f) => f.path), ["defaultTags.tags"]);
        assert.match(findings[0].fix, /secure-platform:tags/);
    });
});
