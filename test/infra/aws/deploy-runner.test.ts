import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { DEPLOY_WORKFLOW_NAME, DeployRunner, DeployRunnerArgs, deployRunnerRole, RUNNER_IMAGE, validateDeployRunnerArgs } from "../../../infra/aws/deploy-runner";
import { connectionService } from "../../../infra/aws/deploy-runner-policy";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { byId, descendantsOf, named, ofType, plain } from "../../harness/resources";

const CONNECTION = "arn:aws:codeconnections:eu-west-1:123456789012:connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
const LOGS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/logs";
let all: readonly RecordedResource[];
let runner: RecordedResource[];

before(async () => {
    const result = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        const context = lookupAwsContext("eu-west-1", provider);
        const subnets = ["a", "b"].map((zone) => new aws.ec2.Subnet(`app-${zone}`, { vpcId: "vpc-1", cidrBlock: `10.30.${zone === "a" ? 0 : 64}.0/18` }, { provider }));
        new DeployRunner("deploy-runner", {
            context,
            projectName: "secure-platform-prod-deploy",
            repository: "example-org/secure-platform",
            connectionArn: CONNECTION,
            role: deployRunnerRole("deploy-runner-role", { provider }),
            vpcId: "vpc-1",
            subnets,
            clusterSecurityGroupId: "sg-control-plane",
            logs: { logGroupName: "/secure-platform/prod/deploy-runner", kmsKeyArn: LOGS_KEY, retentionInDays: 731 },
            encryptionKeyArn: LOGS_KEY,
            protect: true,
        }, { provider });
    });
    all = result.resources;
    runner = descendantsOf(all, named(all, "deploy-runner"));
});

const input = (r: RecordedResource, key: string) => plain(r.inputs)[key];

describe("DeployRunner", () => {
    it("is a CodeBuild project for the repository, through the account's GitHub connection, with no artifacts", () => {
        const [project] = ofType(runner, "aws:codebuild/project:Project");
        assert.equal(input(project, "name"), "secure-platform-prod-deploy");
        assert.deepEqual(input(project, "source"), {
            type: "GITHUB",
            location: "https://github.com/example-org/secure-platform.git",
            auth: { type: "CODECONNECTIONS", resource: CONNECTION },
        });
        assert.deepEqual(input(project, "artifacts"), { type: "NO_ARTIFACTS" });
        assert.equal(input(project, "cache"), undefined);
        assert.equal(input(project, "serviceRole"), plain(named(all, "deploy-runner-role").outputs).arn);
    });

    it("runs a curated Linux image without privileged mode, as long as a deploy job may", () => {
        const [project] = ofType(runner, "aws:codebuild/project:Project");
        assert.deepEqual(input(project, "environment"), {
            type: "LINUX_CONTAINER",
            computeType: "BUILD_GENERAL1_MEDIUM",
            image: RUNNER_IMAGE,
            imagePullCredentialsType: "CODEBUILD",
            privilegedMode: false,
        });
        assert.equal(input(project, "buildTimeout"), 120);
    });

    it("starts a runner only for queued jobs of the Deploy workflow", () => {
        const [webhook] = ofType(runner, "aws:codebuild/webhook:Webhook");
        const [project] = ofType(runner, "aws:codebuild/project:Project");
        assert.equal(input(webhook, "projectName"), plain(project.outputs).name);
        assert.equal(input(webhook, "buildType"), "BUILD");
        assert.deepEqual(input(webhook, "filterGroups"), [{
            filters: [{ type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" }, { type: "WORKFLOW_NAME", pattern: `^${DEPLOY_WORKFLOW_NAME}$` }],
        }]);
    });

    it("places the runner in the given private subnets behind its own security group", () => {
        const [project] = ofType(runner, "aws:codebuild/project:Project");
        const vpc = input(project, "vpcConfig");
        assert.equal(vpc.vpcId, "vpc-1");
        assert.deepEqual(vpc.subnets.map((id: string) => byId(all, id).name), ["app-a", "app-b"]);
        const [group] = ofType(runner, "aws:ec2/securityGroup:SecurityGroup");
        assert.deepEqual(vpc.securityGroupIds, [group.id]);
    });

    it("lets the runner send HTTPS only, and admits nothing to it", () => {
        const [group] = ofType(runner, "aws:ec2/securityGroup:SecurityGroup");
        assert.equal(input(group, "ingress"), undefined);
        assert.equal(input(group, "egress"), undefined);
        const egress = ofType(runner, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        assert.deepEqual(egress.map((r) => [input(r, "securityGroupId"), input(r, "ipProtocol"), input(r, "fromPort"), input(r, "toPort"), input(r, "cidrIpv4")]), [[group.id, "tcp", 443, 443, "0.0.0.0/0"]]);
        const ingress = ofType(runner, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        assert.ok(ingress.every((r) => input(r, "securityGroupId") !== group.id), "nothing may connect to the runner");
    });

    it("is admitted to the Kubernetes API by the control plane's security group, on 443 only", () => {
        const [group] = ofType(runner, "aws:ec2/securityGroup:SecurityGroup");
        const rule = named(runner, "deploy-runner-api-from-runner");
        assert.equal(input(rule, "securityGroupId"), "sg-control-plane");
        assert.equal(input(rule, "referencedSecurityGroupId"), group.id);
        assert.deepEqual([input(rule, "ipProtocol"), input(rule, "fromPort"), input(rule, "toPort")], ["tcp", 443, 443]);
    });

    it("logs to its own KMS-encrypted, retained, protected log group and encrypts build data with the key", () => {
        const [project] = ofType(runner, "aws:codebuild/project:Project");
        const [group] = ofType(runner, "aws:cloudwatch/logGroup:LogGroup");
        assert.equal(input(group, "name"), "/secure-platform/prod/deploy-runner");
        assert.equal(input(group, "kmsKeyId"), LOGS_KEY);
        assert.equal(input(group, "retentionInDays"), 731);
        assert.equal(group.protect, true);
        assert.deepEqual(input(project, "logsConfig"), { cloudwatchLogs: { status: "ENABLED", groupName: "/secure-platform/prod/deploy-runner" }, s3Logs: { status: "DISABLED" } });
        assert.equal(input(project, "encryptionKey"), LOGS_KEY);
    });

    it("gives its service role its logs, its network interfaces in its subnets and the connection's token, nothing else", () => {
        const role = named(all, "deploy-runner-role");
        const trust = JSON.parse(input(role, "assumeRolePolicy"));
        assert.deepEqual(trust.Statement.map((s: { Principal: unknown }) => s.Principal), [{ Service: "codebuild.amazonaws.com" }]);
        const [policy] = ofType(runner, "aws:iam/rolePolicy:RolePolicy");
        assert.equal(input(policy, "role"), plain(role.outputs).name);
        const statements = JSON.parse(input(policy, "policy")).Statement as { Sid: string; Action: string[]; Resource: string | string[]; Condition?: Record<string, Record<string, unknown>> }[];
        const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
        const logGroupArn = plain(ofType(runner, "aws:cloudwatch/logGroup:LogGroup")[0].outputs).arn;
        assert.deepEqual(bySid.WriteRunnerLogs.Resource, [logGroupArn, `${logGroupArn}:*`]);
        const subnetArns = ["app-a", "app-b"].map((name) => plain(named(all, name).outputs).arn);
        assert.deepEqual(bySid.AttachRunnerNetworkInterfaces.Condition, {
            StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" },
            ArnEquals: { "ec2:Subnet": subnetArns },
        });
        assert.equal(bySid.AttachRunnerNetworkInterfaces.Resource, "arn:aws:ec2:eu-west-1:123456789012:network-interface/*");
        assert.deepEqual(bySid.UseGitHubConnection, { Sid: "UseGitHubConnection", Effect: "Allow", Action: ["codeconnections:GetConnectionToken", "codeconnections:GetConnection"], Resource: CONNECTION });
        const actions = statements.flatMap((s) => s.Action);
        assert.ok(actions.every((a) => /^(logs|ec2|codeconnections):[A-Za-z]+$/.test(a)), `unexpected actions: ${actions.join(", ")}`);
    });

    it("parents every resource to the component", () => {
        assert.equal(all.filter((r) => r.urn.includes("secure-platform:aws:DeployRunner$")).length, runner.length);
        assert.equal(runner.length, 7); // security group, its egress rule, the API rule, log group, role policy, project, webhook
    });
});

describe("connectionService", () => {
    it("names the IAM prefix of either form of a connection ARN", () => {
        assert.equal(connectionService(CONNECTION), "codeconnections");
        assert.equal(connectionService("arn:aws:codestar-connections:eu-west-1:123456789012:connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"), "codestar-connections");
    });
});

describe("validateDeployRunnerArgs", () => {
    const args = (overrides: Partial<DeployRunnerArgs>) => ({ projectName: "secure-platform-prod-deploy", subnets: [{}], ...overrides }) as unknown as DeployRunnerArgs;
    it("rejects a project name CodeBuild would refuse, naming the option", () => {
        assert.throws(() => validateDeployRunnerArgs(args({ projectName: "-deploy" })), /DeployRunner: projectName "-deploy" must be 2 to 255 letters/);
        assert.throws(() => validateDeployRunnerArgs(args({ projectName: "deploy runner" })), /DeployRunner: projectName/);
    });
    it("rejects a runner without subnets", () => {
        assert.throws(() => validateDeployRunnerArgs(args({ subnets: [] })), /DeployRunner: subnets is empty/);
    });
});
