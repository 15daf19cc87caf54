import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import {
    cacheLifecyclePolicy, CACHED_TAGGED_IMAGES, ecrRegistryHost, IMAGE_CACHE_PREFIXES, ImageCache, imageCacheMirrors, PULL_THROUGH_UPSTREAMS,
    REGIONS_WITHOUT_ENHANCED_SCANNING, scanningConfiguration,
} from "../../../infra/aws/image-cache";
import { splitImage } from "../../../infra/k8s/sources";
import { ISTIO, PERCONA_MONGODB, POLICY_CONTROLLER, SNAPSCHEDULER } from "../../../infra/versions";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { ofType, plain } from "../../harness/resources";

const ACCOUNT = "777788889999";
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/images`;
const CREDENTIAL = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:ecr-pullthroughcache/docker-hub-AbCdEf`;
const GITHUB_CREDENTIAL = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:ecr-pullthroughcache/github-AbCdEf`;
let resources: readonly RecordedResource[];
let cache: ImageCache;

before(async () => {
    ({ resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        cache = new ImageCache("image-cache", {
            context: lookupAwsContext("eu-west-1", provider),
            registryAccountId: ACCOUNT,
            dockerHubCredentialArn: CREDENTIAL,
            githubCredentialArn: GITHUB_CREDENTIAL,
            kmsKeyArn: KEY,
        }, { provider });
    }, { accountId: ACCOUNT }));
});

const input = (r: RecordedResource) => plain(r.inputs);
const byPrefix = (type: string): Record<string, RecordedResource> =>
    Object.fromEntries(ofType(resources, type).map((r) => [input(r).ecrRepositoryPrefix ?? input(r).prefix, r]));

describe("ImageCache", () => {
    it("caches Docker Hub and ghcr.io (each signed in with its own credential) and Quay (anonymously) under their own prefixes", () => {
        const rules = byPrefix("aws:ecr/pullThroughCacheRule:PullThroughCacheRule");
        assert.deepEqual(Object.keys(rules).sort(), ["docker-hub", "github", "quay"]);
        assert.deepEqual(input(rules.github), { ecrRepositoryPrefix: "github", upstreamRegistryUrl: "ghcr.io", credentialArn: GITHUB_CREDENTIAL });
        assert.deepEqual(input(rules["docker-hub"]), { ecrRepositoryPrefix: "docker-hub", upstreamRegistryUrl: "registry-1.docker.io", credentialArn: CREDENTIAL });
        assert.deepEqual(input(rules.quay), { ecrRepositoryPrefix: "quay", upstreamRegistryUrl: "quay.io" });
    });

    it("creates every cached repository encrypted with the images key, mutable, with the lifecycle policy, through its own role", () => {
        const templates = byPrefix("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate");
        assert.deepEqual(Object.keys(templates).sort(), [...IMAGE_CACHE_PREFIXES].sort());
        const role = ofType(resources, "aws:iam/role:Role")[0];
        for (const template of Object.values(templates)) {
            const args = input(template);
            assert.deepEqual(args.appliedFors, ["PULL_THROUGH_CACHE"]);
            assert.deepEqual(args.encryptionConfigurations, [{ encryptionType: "KMS", kmsKey: KEY }]);
            assert.equal(args.imageTagMutability, "MUTABLE");
            assert.equal(args.lifecyclePolicy, cacheLifecyclePolicy());
            assert.equal(args.customRoleArn, plain(role.outputs).arn);
        }
    });

    it("makes each template before its rule, so no repository is created without encryption", () => {
        const templates = byPrefix("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate");
        for (const [prefix, rule] of Object.entries(byPrefix("aws:ecr/pullThroughCacheRule:PullThroughCacheRule"))) {
            assert.ok(rule.dependencies.includes(templates[prefix].urn), prefix);
        }
    });

    it("lets ECR, and only ECR, create repositories under the cache prefixes and make grants on the images key", () => {
        const role = ofType(resources, "aws:iam/role:Role")[0];
        assert.deepEqual(JSON.parse(input(role).assumeRolePolicy).Statement, [{ Effect: "Allow", Principal: { Service: "ecr.amazonaws.com" }, Action: "sts:AssumeRole" }]);
        const [policy] = ofType(resources, "aws:iam/rolePolicy:RolePolicy");
        assert.deepEqual(JSON.parse(input(policy).policy).Statement, [
            {
                Sid: "CreateCacheRepositories", Effect: "Allow", Action: ["ecr:CreateRepository"],
                Resource: [`arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/docker-hub/*`, `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/quay/*`, `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/github/*`],
            },
            { Sid: "EncryptWithImagesKey", Effect: "Allow", Action: ["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"], Resource: KEY },
        ]);
    });

    it("scans the cached repositories continuously with Inspector, and anything else on push", () => {
        const [scanning] = ofType(resources, "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration");
        assert.deepEqual(input(scanning), scanningConfiguration("eu-west-1"));
        assert.equal(input(scanning).scanType, "ENHANCED");
        assert.deepEqual(input(scanning).rules[0], {
            scanFrequency: "CONTINUOUS_SCAN",
            repositoryFilters: [{ filter: "docker-hub/*", filterType: "WILDCARD" }, { filter: "quay/*", filterType: "WILDCARD" }, { filter: "github/*", filterType: "WILDCARD" }],
        });
        assert.deepEqual(input(scanning).rules[1], { scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] });
    });

    it("names the registry nodes pull from and the path that replaces each upstream registry", () => {
        assert.equal(cache.registry, `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com`);
        assert.deepEqual(cache.mirrors, { "docker.io": `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/docker-hub`, "quay.io": `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/quay`, "ghcr.io": `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/github` });
    });

    it("refuses a registry account that is not an account ID, before creating anything", () => {
        assert.throws(() => new ImageCache("bad", { context: { region: "eu-west-1" } as never, registryAccountId: "dev", dockerHubCredentialArn: CREDENTIAL, githubCredentialArn: GITHUB_CREDENTIAL, kmsKeyArn: KEY }),
            /ImageCache: registryAccountId must be a 12-digit AWS account ID, got "dev"/);
    });
});

describe("image cache plan", () => {
    it("has a rule for the registry of every image the platform pins", () => {
        const images = [ISTIO.hub, PERCONA_MONGODB.operatorImage, PERCONA_MONGODB.mongodImage, PERCONA_MONGODB.backupImage, SNAPSCHEDULER.image, SNAPSCHEDULER.rbacProxyImage, POLICY_CONTROLLER.image];
        const cached = PULL_THROUGH_UPSTREAMS.map((u) => u.registry);
        for (const image of images) {
            assert.ok(cached.includes(splitImage(image).registry), image);
        }
    });

    it("uses prefixes ECR accepts for a pull-through cache rule (2 to 30 characters, lower case)", () => {
        for (const prefix of IMAGE_CACHE_PREFIXES) {
            assert.match(prefix, /^(?=.{2,30}$)[a-z0-9]+([._-][a-z0-9]+)*$/);
        }
    });

    it("builds the registry host in the region's partition", () => {
        assert.equal(ecrRegistryHost("111122223333", "eu-west-1"), "111122223333.dkr.ecr.eu-west-1.amazonaws.com");
        assert.equal(ecrRegistryHost("111122223333", "cn-north-1"), "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn");
        assert.equal(imageCacheMirrors("r.example")["docker.io"], "r.example/docker-hub");
    });

    it("expires only tagged images beyond the newest ones, never the untagged children of a multi-architecture image", () => {
        const { rules } = JSON.parse(cacheLifecyclePolicy());
        assert.deepEqual(rules, [{
            rulePriority: 1,
            description: `Keep the ${CACHED_TAGGED_IMAGES} newest tagged images`,
            selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: CACHED_TAGGED_IMAGES },
            action: { type: "expire" },
        }]);
    });

    it("falls back to basic scanning on push where Inspector does not scan ECR images", () => {
        assert.deepEqual(scanningConfiguration(REGIONS_WITHOUT_ENHANCED_SCANNING[0]), {
            scanType: "BASIC",
            rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }],
        });
    });
});
