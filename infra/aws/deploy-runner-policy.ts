/**
 * IAM documents of the deploy runner's service role. Pure functions over plain values. The role runs the
 * runner and nothing else: the jobs on it deploy with the environment's deploy role, which they assume
 * through GitHub's OIDC provider, so whatever a job can reach through this role must stay harmless.
 */
import type { ResolvedAwsContext } from "./aws-context";

/** Trust of the runner's service role: the CodeBuild service. */
export function codeBuildTrustPolicy(): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
}

/** The IAM service prefix of a CodeConnections ARN: `codeconnections`, or the older `codestar-connections`. */
export function connectionService(connectionArn: string): string {
    return connectionArn.split(":")[2];
}

export interface DeployRunnerPolicyArgs {
    /** The runner's log group (written by the build, nothing else). */
    readonly logGroupArn: string;
    /** ARNs of the subnets the runner's network interfaces are created in. */
    readonly subnetArns: readonly string[];
    /** The CodeConnections connection to GitHub. */
    readonly connectionArn: string;
}

/**
 * What CodeBuild needs to run the runner, from the CodeBuild user guide:
 * - its logs, in its own log group only;
 * - network interfaces in the VPC ("Allow CodeBuild access to AWS services required to create a VPC network
 *   interface", docs.aws.amazon.com/codebuild/latest/userguide/auth-and-access-control-iam-identity-based-access-control.html):
 *   the describe and create/delete calls on `*` as documented (EC2 takes no resource ARN before the interface
 *   exists), and the interface permission only for CodeBuild and only in the runner's subnets;
 * - the GitHub token of the connection ("GitHub App connections", docs.aws.amazon.com/codebuild/latest/userguide/connections-github-app.html),
 *   only of that connection.
 * No S3 (the runner has no source download, artifacts or cache), no ECR (a CodeBuild-curated image), no
 * access to the cluster: the deploy role has that.
 */
export function deployRunnerPolicy(context: ResolvedAwsContext, args: DeployRunnerPolicyArgs): string {
    const connection = connectionService(args.connectionArn);
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "WriteRunnerLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: [args.logGroupArn, `${args.logGroupArn}:*`],
            },
            {
                Sid: "ManageRunnerNetworkInterfaces",
                Effect: "Allow",
                Action: [
                    "ec2:CreateNetworkInterface", "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
                    "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs",
                ],
                Resource: "*",
            },
            {
                Sid: "AttachRunnerNetworkInterfaces",
                Effect: "Allow",
                Action: ["ec2:CreateNetworkInterfacePermission"],
                Resource: `arn:${context.partition}:ec2:${context.region}:${context.accountId}:network-interface/*`,
                Condition: {
                    StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" },
                    ArnEquals: { "ec2:Subnet": [...args.subnetArns] },
                },
            },
            {
                Sid: "UseGitHubConnection",
                Effect: "Allow",
                Action: [`${connection}:GetConnectionToken`, `${connection}:GetConnection`],
                Resource: args.connectionArn,
            },
        ],
    });
}
