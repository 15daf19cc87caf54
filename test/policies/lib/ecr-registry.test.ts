/**
 * The stack's own ECR registry as the pack derives it, and the image rules that accept it. The rules read
 * the stack's configuration from PULUMI_CONFIG (as the CLI passes it), so this process is an AWS stack's.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ECR_REGISTRY_CONFIG, stackEcrRegistry } from "../../../policies/lib/ecr-registry";
import requireMirroredSources from "../../../policies/kubernetes/images/require-mirrored-sources";
import requireTrustedImages from "../../../policies/kubernetes/workloads/require-trusted-images";
import { resource } from "../../harness/policy-cases";
import { runRule } from "../../harness/policy-unit";
import { perconaCluster } from "../kubernetes/data/percona-fixtures";
import { compliantPodSpec, container, workload } from "../kubernetes/workloads/workload-fixtures";

const KEYS = { ecrAccountKeys: ECR_REGISTRY_CONFIG.ecrAccountKeys.default as string[], ecrRegionKey: ECR_REGISTRY_CONFIG.ecrRegionKey.default as string };
const CREDENTIAL = "arn:aws:secretsmanager:eu-west-1:444455556666:secret:ecr-pullthroughcache/docker-hub-AbCdEf";
const AWS_STACK = { "aws:region": "eu-west-1", "secure-platform:awsAccountId": "777788889999", "secure-platform:dockerHubCredentialArn": CREDENTIAL };
const OWN = "777788889999.dkr.ecr.eu-west-1.amazonaws.com";

process.env.PULUMI_CONFIG = JSON.stringify(AWS_STACK);

describe("stackEcrRegistry", () => {
    it("names the registry of the stack's account and region", () => {
        assert.equal(stackEcrRegistry(AWS_STACK, KEYS), OWN);
    });

    it("takes the account from an ARN setting when the stack pins no account", () => {
        assert.equal(stackEcrRegistry({ "aws:region": "eu-west-1", "secure-platform:dockerHubCredentialArn": CREDENTIAL }, KEYS), "444455556666.dkr.ecr.eu-west-1.amazonaws.com");
    });

    it("uses China's endpoint suffix in China's regions", () => {
        assert.equal(stackEcrRegistry({ "aws:region": "cn-north-1", "secure-platform:awsAccountId": "111122223333" }, KEYS), "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn");
    });

    it("names none for a stack without an AWS region or account (on-prem)", () => {
        assert.equal(stackEcrRegistry({ "secure-platform:registryMirror": "registry.corp.example:5000/mirror" }, KEYS), undefined);
        assert.equal(stackEcrRegistry({ "aws:region": "eu-west-1" }, KEYS), undefined);
        assert.equal(stackEcrRegistry({ "aws:region": "eu-west-1", "secure-platform:awsAccountId": "dev" }, KEYS), undefined);
    });
});

const deployment = (image: string) => workload("Deployment", "api", compliantPodSpec({ containers: [container("app", { image })] }));
const release = (values: Record<string, unknown>) => resource("kubernetes:helm.sh/v3:Release", "istiod", {
    name: "istiod", chart: "istiod", repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" }, values: values as never,
});

describe("require-mirrored-sources on an AWS stack", () => {
    it("accepts images from the stack's own registry, and charts from their upstream repositories", async () => {
        const outcome = await runRule(requireMirroredSources, {
            name: "cached",
            resources: [
                release({ global: { hub: `${OWN}/docker-hub/istio` } }),
                perconaCluster("orders", { image: `${OWN}/docker-hub/percona/percona-server-mongodb:8.0.12-4`, initImage: `${OWN}/docker-hub/percona/percona-server-mongodb-operator:1.21.1` }),
                deployment(`${OWN}/quay/backube/snapscheduler:3.5.0`),
            ],
        });
        assert.deepEqual(outcome.violations, []);
    });

    it("refuses an image from Docker Hub, and from another account's registry", async () => {
        const outcome = await runRule(requireMirroredSources, {
            name: "public",
            resources: [release({ global: { hub: "docker.io/istio" } }), deployment("111122223333.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/nginx:1.27.3")],
        });
        assert.equal(outcome.violations.length, 2);
        assert.match(outcome.violations[0].message, /Release istiod \(values.global.hub\) pulls docker.io\/istio, outside the mirror \(777788889999.dkr.ecr.eu-west-1.amazonaws.com\)/);
        assert.match(outcome.violations[1].message, /Deployment api container app pulls 111122223333.dkr.ecr.eu-west-1.amazonaws.com\/docker-hub\/library\/nginx:1.27.3, outside the mirror/);
    });

    it("refuses a chart that would pull its image from its public default", async () => {
        const outcome = await runRule(requireMirroredSources, { name: "no hub", resources: [release({})] });
        assert.match(outcome.violations[0].message, /Release istiod leaves values.global.hub unset/);
    });
});

describe("require-trusted-images on an AWS stack", () => {
    it("trusts a versioned tag from the stack's own registry", async () => {
        assert.deepEqual((await runRule(requireTrustedImages, { name: "own", resources: [deployment(`${OWN}/docker-hub/library/nginx:1.27.3`)] })).violations, []);
    });

    it("trusts no other account's registry, and no latest tag from its own", async () => {
        const other = await runRule(requireTrustedImages, { name: "other", resources: [deployment("111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1.0")] });
        assert.match(other.violations[0].message, /neither pinned by digest nor from an approved registry/);
        const latest = await runRule(requireTrustedImages, { name: "latest", resources: [deployment(`${OWN}/docker-hub/library/nginx:latest`)] });
        assert.match(latest.violations[0].message, /without an explicit version tag/);
    });
});
