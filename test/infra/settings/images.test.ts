import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { arnAccount, IMAGE_SETTINGS, PULL_THROUGH_SECRET_PREFIX } from "../../../infra/settings/images";
import { DOCKER_HUB_CREDENTIAL, GITHUB_CREDENTIAL, minimal, minimalOnPrem, P, parse, problems, rejects, without } from "../../harness/config-fixtures";

const arn = (region: string, account: string, name: string, partition = "aws") => `arn:${partition}:secretsmanager:${region}:${account}:secret:${name}`;

describe("image settings", () => {
    it("takes the Docker Hub credential ECR's pull-through cache signs in with", () => {
        assert.equal(parse(minimal("dev")).images.dockerHubCredentialArn, DOCKER_HUB_CREDENTIAL);
        assert.equal(arnAccount(DOCKER_HUB_CREDENTIAL), "111122223333");
    });

    it("requires it on AWS, saying where Istio's and Percona's images are and how to create the secret", () => {
        rejects(without(minimal("dev"), "dockerHubCredentialArn"), "dockerHubCredentialArn", /missing; Istio's and Percona's images are on Docker Hub.*once per account \(see stacks\/README.md\), e.g. arn:aws:secretsmanager:/);
    });

    it("refuses what is not a Secrets Manager secret ARN", () => {
        for (const value of ["docker-hub", "arn:aws:iam::111122223333:role/docker-hub", "arn:aws:secretsmanager:eu-west-1:1111:secret:ecr-pullthroughcache/x-AbCdEf"]) {
            rejects(minimal("dev", { dockerHubCredentialArn: value }), "dockerHubCredentialArn", /is not a Secrets Manager secret ARN like arn:aws:secretsmanager:eu-west-1:111122223333:secret:ecr-pullthroughcache\//);
        }
    });

    it(`refuses a secret whose name does not start with ${PULL_THROUGH_SECRET_PREFIX}`, () => {
        rejects(minimal("dev", { dockerHubCredentialArn: arn("eu-west-1", "111122223333", "docker-hub-credentials-AbCdEf") }), "dockerHubCredentialArn",
            /the secret's name "docker-hub-credentials-AbCdEf" must start with ecr-pullthroughcache\/ \(ECR's pull-through cache reads no other secret\)/);
        rejects(minimal("dev", { dockerHubCredentialArn: arn("eu-west-1", "111122223333", "ecr-pullthroughcache/docker hub-AbCdEf") }), "dockerHubCredentialArn", /must start with ecr-pullthroughcache\/ .* and use letters, digits and/);
    });

    it("refuses a secret of another region or partition than the stack's", () => {
        rejects(minimal("dev", { dockerHubCredentialArn: arn("us-east-1", "111122223333", "ecr-pullthroughcache/docker-hub-AbCdEf") }), "dockerHubCredentialArn",
            /the secret is in us-east-1; ECR's pull-through cache reads a secret of its own region, eu-west-1 \(aws:region\)/);
        rejects(minimal("dev", { dockerHubCredentialArn: arn("eu-west-1", "111122223333", "ecr-pullthroughcache/docker-hub-AbCdEf", "aws-cn") }), "dockerHubCredentialArn",
            /the ARN is in partition aws-cn; eu-west-1 is in aws/);
    });

    it("refuses a secret of another account than awsAccountId, and takes any account when the stack pins none", () => {
        rejects(minimal("dev", { awsAccountId: "444455556666", dockerHubCredentialArn: DOCKER_HUB_CREDENTIAL }), "dockerHubCredentialArn",
            /the secret is in account 111122223333; ECR's pull-through cache reads a secret of its own account, 444455556666 \(awsAccountId\)/);
        assert.equal(parse(minimal("dev", { awsAccountId: "111122223333", dockerHubCredentialArn: DOCKER_HUB_CREDENTIAL })).images.dockerHubCredentialArn, DOCKER_HUB_CREDENTIAL);
        assert.equal(parse(minimal("dev")).awsAccountId, undefined);
    });

    it("refuses an ARN longer than ECR accepts", () => {
        rejects(minimal("dev", { dockerHubCredentialArn: arn("eu-west-1", "111122223333", `ecr-pullthroughcache/${"a".repeat(600)}`) }), "dockerHubCredentialArn", /characters long; ECR accepts 50 to 612/);
    });

    it("is an AWS setting that an on-prem stack may not set", () => {
        assert.ok(problems(minimalOnPrem("prod", { dockerHubCredentialArn: DOCKER_HUB_CREDENTIAL })).includes(`${P}:dockerHubCredentialArn: applies only to platform aws; an on-prem stack creates no AWS resource, remove it`));
    });

    it("takes and requires the ghcr.io credential too, validated the same way", () => {
        assert.equal(parse(minimal("dev")).images.githubCredentialArn, GITHUB_CREDENTIAL);
        rejects(without(minimal("dev"), "githubCredentialArn"), "githubCredentialArn", /missing; the image-verification controller's image is on GitHub Container Registry \(ghcr.io\)/);
        rejects(minimal("dev", { githubCredentialArn: arn("eu-west-1", "111122223333", "github-token") }), "githubCredentialArn", /must start with ecr-pullthroughcache\//);
        rejects(minimal("dev", { githubCredentialArn: arn("us-east-1", "111122223333", "ecr-pullthroughcache/github") }), "githubCredentialArn", /the secret is in us-east-1/);
        assert.ok(problems(minimalOnPrem("prod", { githubCredentialArn: GITHUB_CREDENTIAL })).includes(`${P}:githubCredentialArn: applies only to platform aws; an on-prem stack creates no AWS resource, remove it`));
    });

    it("documents the setting", () => {
        assert.match(IMAGE_SETTINGS.dockerHubCredentialArn.summary, /ecr-pullthroughcache\/.*username and accessToken.*aws\/secretsmanager/);
    });
});
