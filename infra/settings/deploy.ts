/**
 * Settings of how and from where an AWS stack is deployed: the phase (a first deployment creates the AWS
 * part before anything can reach the private Kubernetes API), the deploy runner inside the VPC, and the
 * role pull-request previews assume.
 */
import { ConfigReader, describe, isPlainObject, SettingDoc } from "../lib/config-reader";
import { partitionOfRegion } from "../lib/partition";
import type { AccessEntrySettings } from "./cluster";

/**
 * `foundation`: only the AWS resources (network, keys, cluster, node groups, add-ons, edge, backups, the
 * deploy runner), no Kubernetes provider and no Kubernetes resource, so it runs from anywhere with AWS
 * credentials. `platform`: everything, which needs a network that reaches the cluster's API.
 */
export const DEPLOY_PHASES = ["foundation", "platform"] as const;
export type DeployPhase = (typeof DEPLOY_PHASES)[number];

/** CodeBuild compute types for the runner (on-demand Linux containers; docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-compute-types.html). */
export const RUNNER_COMPUTE_TYPES = ["BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_MEDIUM", "BUILD_GENERAL1_LARGE"] as const;
export type RunnerComputeType = (typeof RUNNER_COMPUTE_TYPES)[number];

export interface DeployRunnerSettings {
    /** The GitHub repository whose deploy workflow the runner serves, as `owner/name`. */
    readonly repository: string;
    /**
     * The AWS CodeConnections connection to GitHub (the GitHub App, installed on the repository) that
     * CodeBuild creates the webhook with and the runner registers through; made once per account.
     */
    readonly connectionArn: string;
    /** @default "BUILD_GENERAL1_MEDIUM" (4 GiB, 2 vCPUs: the program renders 1,000+ resources) */
    readonly computeType: RunnerComputeType;
}

export interface DeploySettings {
    /** @default "platform" */
    readonly phase: DeployPhase;
    /** A CodeBuild-hosted GitHub Actions runner in the app tier, admitted to the Kubernetes API. @default none */
    readonly runner?: DeployRunnerSettings;
    /**
     * The role pull-request previews assume; it gets a read-only access entry (AmazonEKSViewPolicy, which
     * reads no Secrets). @default none
     */
    readonly previewRoleArn?: string;
}

export const DEPLOY_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    deployPhase: {
        summary: "foundation (AWS resources only, no Kubernetes provider: the first `pulumi up` of a private cluster, from anywhere with AWS credentials) or platform (everything, from a network that reaches the API).",
        default: "platform",
    },
    deployRunner: {
        summary: `{repository: owner/name, connectionArn, computeType?: ${RUNNER_COMPUTE_TYPES.join(" | ")}}: a CodeBuild-hosted GitHub Actions runner in the app tier, admitted to the Kubernetes API, for the Deploy workflow.`,
        default: "(none)",
    },
    previewRoleArn: { summary: "IAM role pull-request previews assume: a read-only EKS access entry (AmazonEKSViewPolicy, no Secrets).", default: "(none)" },
};

/** GitHub's rules for an owner (user or organization) and a repository name. */
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
const CONNECTION_ARN = /^arn:(aws|aws-cn|aws-us-gov):(codeconnections|codestar-connections):([a-z0-9-]+):(\d{12}):connection\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const CONNECTION_EXAMPLE = "arn:aws:codeconnections:eu-west-1:111122223333:connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";

export interface DeployContext {
    readonly region?: string;
    readonly awsAccountId?: string;
    /** The validated access entries, when they are (a preview role must not be one of them). */
    readonly accessEntries?: readonly AccessEntrySettings[];
}

export function readDeploy(reader: ConfigReader, context: DeployContext): Partial<DeploySettings> {
    const runner = readRunner(reader, context);
    const previewRoleArn = readPreviewRole(reader, context);
    return {
        phase: reader.oneOf("deployPhase", DEPLOY_PHASES, "platform"),
        ...(runner ? { runner } : {}),
        ...(previewRoleArn ? { previewRoleArn } : {}),
    };
}

function readRunner(reader: ConfigReader, context: DeployContext): DeployRunnerSettings | undefined {
    const key = "deployRunner";
    const value = reader.structured(key);
    if (value === undefined) {
        return undefined;
    }
    const example = `{repository: example-org/secure-platform, connectionArn: ${CONNECTION_EXAMPLE}}`;
    if (!isPlainObject(value)) {
        reader.problem(key, `expected an object like ${example}, got ${describe(value)}`);
        return undefined;
    }
    let ok = reader.onlyFields(key, key, value, ["repository", "connectionArn", "computeType"]);
    const { repository, connectionArn, computeType = "BUILD_GENERAL1_MEDIUM" } = value;
    if (typeof repository !== "string" || !REPOSITORY.test(repository)) {
        reader.problem(key, `repository ${describe(repository)} must be a GitHub repository as owner/name, e.g. example-org/secure-platform`);
        ok = false;
    }
    if (typeof connectionArn !== "string") {
        reader.problem(key, `connectionArn ${describe(connectionArn)} must be the ARN of the account's CodeConnections connection to GitHub, e.g. ${CONNECTION_EXAMPLE}`);
        ok = false;
    } else {
        const match = CONNECTION_ARN.exec(connectionArn);
        if (!match) {
            reader.problem(key, `connectionArn ${JSON.stringify(connectionArn)} is not a CodeConnections connection ARN like ${CONNECTION_EXAMPLE}`);
            ok = false;
        } else {
            const [, partition, , , account] = match;
            if (context.region && partition !== partitionOfRegion(context.region).partition) {
                reader.problem(key, `connectionArn is in partition ${partition}; ${context.region} is in ${partitionOfRegion(context.region).partition}`);
                ok = false;
            }
            if (context.awsAccountId && account !== context.awsAccountId) {
                reader.problem(key, `connectionArn is in account ${account}; the runner's service role uses a connection of its own account, ${context.awsAccountId} (awsAccountId)`);
                ok = false;
            }
        }
    }
    if (typeof computeType !== "string" || !(RUNNER_COMPUTE_TYPES as readonly string[]).includes(computeType)) {
        reader.problem(key, `computeType ${describe(computeType)} is not allowed; use one of ${RUNNER_COMPUTE_TYPES.join(", ")}`);
        ok = false;
    }
    return ok ? { repository: repository as string, connectionArn: connectionArn as string, computeType: computeType as RunnerComputeType } : undefined;
}

function readPreviewRole(reader: ConfigReader, context: DeployContext): string | undefined {
    const key = "previewRoleArn";
    const arn = reader.get(key);
    if (arn === undefined) {
        return undefined;
    }
    const match = ROLE_ARN.exec(arn);
    if (!match) {
        reader.problem(key, `${JSON.stringify(arn)} is not an IAM role ARN like arn:aws:iam::111122223333:role/platform-preview (previews assume a role through GitHub's OIDC provider)`);
        return undefined;
    }
    const [, partition, account] = match;
    let ok = true;
    if (context.region && partition !== partitionOfRegion(context.region).partition) {
        reader.problem(key, `the role is in partition ${partition}; ${context.region} is in ${partitionOfRegion(context.region).partition}`);
        ok = false;
    }
    if (context.awsAccountId && account !== context.awsAccountId) {
        reader.problem(key, `the role is in account ${account}; an access entry names a principal of the cluster's account, ${context.awsAccountId} (awsAccountId)`);
        ok = false;
    }
    if (context.accessEntries?.some((entry) => entry.principalArn === arn)) {
        reader.problem(key, `${arn} already has an entry in accessEntries, and EKS keeps one access entry per principal; give previews a role of their own (read-only), or remove previewRoleArn`);
        ok = false;
    }
    return ok ? arn : undefined;
}
