/**
 * Settings of the AWS image cache: the Docker Hub credential its pull-through cache signs in with. The
 * secret is created once per account by its operator (stacks/README.md says how), never by the program:
 * the access token must not pass through the stack's state.
 */
import { ConfigReader, SettingDoc } from "../lib/config-reader";
import { partitionOfRegion } from "../lib/partition";

/**
 * The name prefix ECR's pull-through cache requires of a credential secret (its service-linked role may
 * read only `ecr-pullthroughcache/*`): docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-creating-rule.html
 */
export const PULL_THROUGH_SECRET_PREFIX = "ecr-pullthroughcache/";

export interface ImageSettings {
    /**
     * Secrets Manager secret with the Docker Hub `username` and `accessToken` ECR signs in with, in the stack's
     * account and region, named `ecr-pullthroughcache/...` and encrypted with the default `aws/secretsmanager` key.
     */
    readonly dockerHubCredentialArn: string;
    /**
     * The same for GitHub Container Registry (ghcr.io, where the image-verification controller's image is published):
     * keys `username` and `accessToken` (a GitHub token that may read public packages).
     */
    readonly githubCredentialArn: string;
}

const EXAMPLE = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ecr-pullthroughcache/docker-hub-AbCdEf";

export const IMAGE_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    dockerHubCredentialArn: {
        summary: `ARN of the Secrets Manager secret (name ${PULL_THROUGH_SECRET_PREFIX}..., keys username and accessToken, default aws/secretsmanager key) in the stack's account and region that ECR's Docker Hub pull-through cache signs in with.`,
        default: "(required on AWS)",
    },
    githubCredentialArn: {
        summary: `ARN of the Secrets Manager secret (name ${PULL_THROUGH_SECRET_PREFIX}..., keys username and accessToken: a GitHub token that reads packages) that ECR's GitHub Container Registry (ghcr.io) pull-through cache signs in with; the image-verification controller's image is on ghcr.io.`,
        default: "(required on AWS)",
    },
};

/** A Secrets Manager secret ARN: partition, region, account, secret name (with the suffix Secrets Manager appends). */
const SECRET_ARN = /^arn:(aws|aws-cn|aws-us-gov):secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/;
/** What CreatePullThroughCacheRule accepts as the secret's name (its credentialArn pattern). */
const SECRET_NAME = /^ecr-pullthroughcache\/[a-zA-Z0-9/_+=.@-]+$/;
/** CreatePullThroughCacheRule's length limits of credentialArn. */
const ARN_LENGTH = { min: 50, max: 612 } as const;

/** The account of a Secrets Manager ARN (the fifth field). */
export function arnAccount(arn: string): string {
    return arn.split(":")[4];
}

export function readImages(reader: ConfigReader, region: string | undefined, awsAccountId: string | undefined): Partial<ImageSettings> {
    const dockerHub = readCredentialArn(reader, "dockerHubCredentialArn", "Istio's and Percona's images are on Docker Hub", EXAMPLE, region, awsAccountId);
    const github = readCredentialArn(reader, "githubCredentialArn", "the image-verification controller's image is on GitHub Container Registry (ghcr.io)", EXAMPLE.replace("docker-hub", "github"), region, awsAccountId);
    return { ...(dockerHub ? { dockerHubCredentialArn: dockerHub } : {}), ...(github ? { githubCredentialArn: github } : {}) };
}

/** One pull-through cache credential: a Secrets Manager secret ARN of the stack's account and region. */
function readCredentialArn(reader: ConfigReader, key: string, why: string, example: string, region: string | undefined, awsAccountId: string | undefined): string | undefined {
    const arn = reader.get(key);
    if (arn === undefined) {
        reader.problem(key, `missing; ${why}, and ECR's pull-through cache signs in to it with a Secrets Manager secret you create once per account (see stacks/README.md), e.g. ${example}`);
        return undefined;
    }
    const match = SECRET_ARN.exec(arn);
    if (!match) {
        reader.problem(key, `${JSON.stringify(arn)} is not a Secrets Manager secret ARN like ${example}`);
        return undefined;
    }
    const [, partition, secretRegion, account, name] = match;
    const problems: string[] = [];
    if (!SECRET_NAME.test(name)) {
        problems.push(`the secret's name ${JSON.stringify(name)} must start with ${PULL_THROUGH_SECRET_PREFIX} (ECR's pull-through cache reads no other secret) and use letters, digits and /_+=.@-`);
    }
    if (arn.length < ARN_LENGTH.min || arn.length > ARN_LENGTH.max) {
        problems.push(`the ARN is ${arn.length} characters long; ECR accepts ${ARN_LENGTH.min} to ${ARN_LENGTH.max}`);
    }
    if (region && secretRegion !== region) {
        problems.push(`the secret is in ${secretRegion}; ECR's pull-through cache reads a secret of its own region, ${region} (aws:region)`);
    }
    if (region && partition !== partitionOfRegion(region).partition) {
        problems.push(`the ARN is in partition ${partition}; ${region} is in ${partitionOfRegion(region).partition}`);
    }
    if (awsAccountId && account !== awsAccountId) {
        problems.push(`the secret is in account ${account}; ECR's pull-through cache reads a secret of its own account, ${awsAccountId} (awsAccountId)`);
    }
    for (const problem of problems) {
        reader.problem(key, problem);
    }
    return problems.length === 0 ? arn : undefined;
}
