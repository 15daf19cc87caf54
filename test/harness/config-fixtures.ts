/** Building and checking raw stack configuration in tests. */
import assert from "node:assert/strict";
import { AwsPlatformConfig, OnPremPlatformConfig, parseConfig, PlatformConfig } from "../../infra/config";
import { ConfigError } from "../../infra/lib/errors";

export const P = "secure-platform";

/** A Docker Hub credential for ECR's pull-through cache, in the account and region of `minimal`'s other ARNs. */
export const DOCKER_HUB_CREDENTIAL = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ecr-pullthroughcache/docker-hub-AbCdEf";
export const GITHUB_CREDENTIAL = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ecr-pullthroughcache/github-AbCdEf";

/** The smallest valid configuration of an environment, plus `extra` (unqualified keys get the project namespace). */
export function minimal(environment: string, extra: Record<string, string> = {}): Record<string, string> {
    const qualified = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.includes(":") ? k : `${P}:${k}`, v]));
    return {
        "aws:region": "eu-west-1",
        [`${P}:environment`]: environment,
        [`${P}:accessEntries`]: JSON.stringify([{ principalArn: "arn:aws:iam::111122223333:role/deployer", access: "cluster-admin" }]),
        [`${P}:certificateArn`]: "arn:aws:acm:eu-west-1:111122223333:certificate/3f1c9a52-6f0e-4c1b-9d7e-2b5a8c4e1f07",
        // In the stack's account when it pins one: ECR's pull-through cache reads only a secret of its own account.
        [`${P}:dockerHubCredentialArn`]: qualified[`${P}:awsAccountId`] && /^\d{12}$/.test(qualified[`${P}:awsAccountId`])
            ? DOCKER_HUB_CREDENTIAL.replace(":111122223333:", `:${qualified[`${P}:awsAccountId`]}:`)
            : DOCKER_HUB_CREDENTIAL,
        [`${P}:githubCredentialArn`]: qualified[`${P}:awsAccountId`] && /^\d{12}$/.test(qualified[`${P}:awsAccountId`])
            ? GITHUB_CREDENTIAL.replace(":111122223333:", `:${qualified[`${P}:awsAccountId`]}:`)
            : GITHUB_CREDENTIAL,
        ...qualified,
    };
}

/** Parses an AWS stack's configuration (fails when it is another variant's). */
export function parse(raw: Record<string, string>, stack = "test", secretKeys?: readonly string[]): AwsPlatformConfig {
    const config = parseAny(raw, stack, secretKeys);
    assert.equal(config.platform, "aws");
    return config as AwsPlatformConfig;
}

/** Parses an on-prem stack's configuration (fails when it is another variant's). */
export function parseOnPrem(raw: Record<string, string>, stack = "test", secretKeys?: readonly string[]): OnPremPlatformConfig {
    const config = parseAny(raw, stack, secretKeys);
    assert.equal(config.platform, "onprem");
    return config as OnPremPlatformConfig;
}

export function parseAny(raw: Record<string, string>, stack = "test", secretKeys?: readonly string[]): PlatformConfig {
    return parseConfig(raw, { stack, project: P, ...(secretKeys ? { secretKeys } : {}) });
}

/** The smallest valid on-prem configuration, plus `extra` (unqualified keys get the project namespace). */
export function minimalOnPrem(environment: string, extra: Record<string, string> = {}): Record<string, string> {
    const qualified = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.includes(":") ? k : `${P}:${k}`, v]));
    return {
        [`${P}:platform`]: "onprem",
        [`${P}:environment`]: environment,
        [`${P}:kubeconfigPath`]: "/etc/secure-platform/kubeconfig",
        [`${P}:kubernetesVersion`]: "1.33",
        [`${P}:storage`]: JSON.stringify({ storageClassName: "longhorn-encrypted", snapshotClassName: "longhorn-snapshots", encryptedAtRest: true, encryption: "Longhorn volume encryption (LUKS2)" }),
        ...qualified,
    };
}

/** The problems reported for `raw`, which must be rejected. */
export function problems(raw: Record<string, string>, secretKeys?: readonly string[]): string[] {
    try {
        parseAny(raw, "test", secretKeys);
    } catch (error) {
        assert.ok(ConfigError.isInstance(error), `expected a ConfigError, got ${String(error)}`);
        return [...error.problems];
    }
    assert.fail("the configuration was accepted");
}

/** `raw` is rejected with a problem for `key` (unqualified keys get the project namespace) matching `message`. */
export function rejects(raw: Record<string, string>, key: string, message: RegExp, secretKeys?: readonly string[]): void {
    const fullKey = key.includes(":") ? key : `${P}:${key}`;
    const found = problems(raw, secretKeys);
    assert.ok(found.some((p) => p.startsWith(`${fullKey}: `) && message.test(p)), `no problem for ${fullKey} matching ${message}:\n${found.join("\n")}`);
}

/** Drops a key from `raw`. */
export function without(raw: Record<string, string>, key: string): Record<string, string> {
    const { [key.includes(":") ? key : `${P}:${key}`]: _dropped, ...rest } = raw;
    return rest;
}
