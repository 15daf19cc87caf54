import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RunnerComputeType } from "../settings/deploy";
import { AwsContext, withAwsContext } from "./aws-context";
import { codeBuildTrustPolicy, deployRunnerPolicy } from "./deploy-runner-policy";
import { encryptedLogGroup } from "./log-group";
import { KUBERNETES_API_PORT } from "./network-plan";

/**
 * The `name:` of the workflow whose jobs the runner takes (.github/workflows/deploy.yml). The webhook
 * starts a runner only for that workflow's queued jobs; the deploy role's trust (one GitHub environment)
 * is what decides who can deploy.
 */
export const DEPLOY_WORKFLOW_NAME = "Deploy";

/**
 * CodeBuild's curated Amazon Linux 2023 x86_64 standard image, with Node.js, git and the AWS CLI (the
 * Kubernetes provider authenticates with `aws eks get-token`): docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-available.html
 */
export const RUNNER_IMAGE = "aws/codebuild/amazonlinux-x86_64-standard:5.0";

/** Minutes a job may run on the runner: the deploy jobs' `timeout-minutes`. */
export const RUNNER_BUILD_TIMEOUT_MINUTES = 120;

/** The role CodeBuild runs the runner as. Made before the keys, so the logs key's policy can name it. */
export function deployRunnerRole(name: string, opts: pulumi.CustomResourceOptions): aws.iam.Role {
    return new aws.iam.Role(name, {
        description: "CodeBuild: the in-VPC GitHub Actions runner of the Deploy workflow (logs and network interfaces only)",
        assumeRolePolicy: codeBuildTrustPolicy(),
    }, opts);
}

export interface DeployRunnerArgs {
    readonly context: AwsContext;
    /**
     * The CodeBuild project's name, unique per environment: jobs select the runner by it, and a name shared
     * by two accounts would let one environment's runner take the other's jobs.
     */
    readonly projectName: string;
    /** `owner/name` of the GitHub repository. */
    readonly repository: string;
    /** The account's CodeConnections connection to GitHub. */
    readonly connectionArn: string;
    /** @default "BUILD_GENERAL1_MEDIUM" */
    readonly computeType?: RunnerComputeType;
    /** The role from `deployRunnerRole`. */
    readonly role: aws.iam.Role;
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets with a NAT route (the app tier), where the control plane's API is reachable. */
    readonly subnets: readonly aws.ec2.Subnet[];
    /** The control plane's security group (EksCluster.securityGroup): it admits the runner on 443. */
    readonly clusterSecurityGroupId: pulumi.Input<string>;
    /** The runner's log group: name, KMS key and retention (FSBP CloudWatch.16). */
    readonly logs: { readonly logGroupName: string; readonly kmsKeyArn: pulumi.Input<string>; readonly retentionInDays: number };
    /** Customer-managed key for anything CodeBuild stores of the build (the role must be one of its users). */
    readonly encryptionKeyArn: pulumi.Input<string>;
    /** Protect the log group from `pulumi destroy`. @default false */
    readonly protect?: boolean;
}

const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$/;

/** Checks the arguments before any resource exists; each error names the option and the fix. */
export function validateDeployRunnerArgs(args: DeployRunnerArgs): void {
    if (!PROJECT_NAME.test(args.projectName)) {
        throw new Error(`DeployRunner: projectName ${JSON.stringify(args.projectName)} must be 2 to 255 letters, digits, '-' or '_', starting with a letter or digit (CodeBuild's project names)`);
    }
    if (args.subnets.length === 0) {
        throw new Error("DeployRunner: subnets is empty; give the app tier's subnets (private, with a NAT route)");
    }
}

/**
 * A CodeBuild-hosted GitHub Actions runner inside the VPC, for the jobs of the Deploy workflow: a CodeBuild
 * project with the repository as source through the account's GitHub connection, a webhook that starts it
 * for each queued job of that workflow, its network interfaces in the app tier behind a security group that
 * only sends HTTPS, and an ingress rule on the control plane's security group that admits it to the
 * Kubernetes API. Logs go to a KMS-encrypted, retained log group; there are no artifacts, no cache, no
 * privileged mode.
 */
export class DeployRunner extends pulumi.ComponentResource {
    readonly project: aws.codebuild.Project;
    readonly securityGroup: aws.ec2.SecurityGroup;
    /** The control plane's ingress rule for the runner: the Kubernetes provider depends on it. */
    readonly apiAccess: aws.vpc.SecurityGroupIngressRule;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly webhook: aws.codebuild.Webhook;

    constructor(name: string, args: DeployRunnerArgs, opts?: pulumi.ComponentResourceOptions) {
        validateDeployRunnerArgs(args);
        super("secure-platform:aws:DeployRunner", name, {}, opts);
        const parent = { parent: this };

        this.securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: "Deploy runner: HTTPS out (GitHub, the Kubernetes API, AWS APIs); nothing in",
            tags: { Name: `${name}-runner` },
        }, parent);
        // HTTPS is all the runner speaks: GitHub, Pulumi, npm and Helm repositories through NAT, AWS APIs
        // through the endpoints, the cluster's API. DNS goes to the VPC resolver, which security groups do not filter.
        new aws.vpc.SecurityGroupEgressRule(`${name}-https-out`, {
            securityGroupId: this.securityGroup.id,
            description: "HTTPS out",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
        }, parent);
        this.apiAccess = new aws.vpc.SecurityGroupIngressRule(`${name}-api-from-runner`, {
            securityGroupId: args.clusterSecurityGroupId,
            referencedSecurityGroupId: this.securityGroup.id,
            description: "Kubernetes API from the deploy runner",
            ipProtocol: "tcp",
            fromPort: KUBERNETES_API_PORT,
            toPort: KUBERNETES_API_PORT,
        }, parent);

        this.logGroup = encryptedLogGroup(`${name}-logs`, {
            logGroupName: args.logs.logGroupName,
            kmsKeyArn: args.logs.kmsKeyArn,
            retentionInDays: args.logs.retentionInDays,
            protect: args.protect,
        }, this);

        const access = new aws.iam.RolePolicy(`${name}-access`, {
            role: args.role.name,
            policy: pulumi.all([this.logGroup.arn, ...args.subnets.map((s) => s.arn)]).apply(([logGroupArn, ...subnetArns]) =>
                withAwsContext(args.context, (c) => deployRunnerPolicy(c, { logGroupArn, subnetArns, connectionArn: args.connectionArn }))),
        }, parent);

        this.project = new aws.codebuild.Project(name, {
            name: args.projectName,
            description: `GitHub Actions runner for the ${DEPLOY_WORKFLOW_NAME} workflow of ${args.repository}, inside the VPC`,
            serviceRole: args.role.arn,
            source: {
                type: "GITHUB",
                location: `https://github.com/${args.repository}.git`,
                auth: { type: "CODECONNECTIONS", resource: args.connectionArn },
            },
            artifacts: { type: "NO_ARTIFACTS" },
            environment: {
                type: "LINUX_CONTAINER",
                computeType: args.computeType ?? "BUILD_GENERAL1_MEDIUM",
                image: RUNNER_IMAGE,
                imagePullCredentialsType: "CODEBUILD",
                privilegedMode: false,
            },
            vpcConfig: {
                vpcId: args.vpcId,
                subnets: args.subnets.map((s) => s.id),
                securityGroupIds: [this.securityGroup.id],
            },
            logsConfig: {
                cloudwatchLogs: { status: "ENABLED", groupName: this.logGroup.name },
                s3Logs: { status: "DISABLED" },
            },
            encryptionKey: args.encryptionKeyArn,
            buildTimeout: RUNNER_BUILD_TIMEOUT_MINUTES,
            tags: { Name: args.projectName },
        }, { parent: this, dependsOn: [access] });

        // CodeBuild creates the repository's webhook through the connection and starts a build (the runner)
        // for each queued job of the Deploy workflow that asks for this project's label.
        this.webhook = new aws.codebuild.Webhook(`${name}-webhook`, {
            projectName: this.project.name,
            buildType: "BUILD",
            filterGroups: [{
                filters: [
                    { type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" },
                    { type: "WORKFLOW_NAME", pattern: `^${DEPLOY_WORKFLOW_NAME}$` },
                ],
            }],
        }, parent);

        this.registerOutputs({ projectName: this.project.name, securityGroupId: this.securityGroup.id });
    }
}
