import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as k8s from "@pulumi/kubernetes";
import { ecrRegistryHost } from "../../../infra/aws/image-cache";
import { ImageWarmup, WARMUP_NAMESPACE } from "../../../infra/aws/image-warmup";
import { splitImage } from "../../../infra/k8s/sources";
import { milliValue } from "../../../infra/lib/quantity";
import { DependencyGraph } from "../../../engine/preflight/dependency-graph";
import { nodeGroupsOf, placementOf } from "../../../engine/preflight/placement";
import { allPods, containersOf } from "../../../engine/preflight/pods";
import { Plain, PreflightStack } from "../../../engine/preflight/stack";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { stackConfig } from "../../engine/preflight/hand-built-stacks";
import { renderStacks } from "../../engine/preflight/rendered-stacks";
import { ofType, plain } from "../../harness/resources";

const REGISTRY = "111122223333.dkr.ecr.eu-west-1.amazonaws.com";
const IMAGES = [
    `${REGISTRY}/docker-hub/istio/proxyv2:1.29.0`,
    `${REGISTRY}/docker-hub/percona/percona-server-mongodb:8.0.19-7`,
    `${REGISTRY}/docker-hub/istio/proxyv2:1.29.0`, // twice: pulled once
    `${REGISTRY}/quay/example/tool:2.1`,
];
const NODE_SELECTOR = { "secure-platform/node-group": "app" };

let resources: readonly RecordedResource[];
let dev: readonly RecordedResource[];

before(async () => {
    // The dev stack renders in its own process (a process renders one program), alongside this one's.
    const rendering = renderStacks(["dev"]);
    ({ resources } = await renderComponents(() => {
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        new ImageWarmup("image-warmup", { kubernetesVersion: "1.35", images: IMAGES, nodeSelector: NODE_SELECTOR }, { provider });
    }));
    dev = (await rendering).dev.resources;
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const inputs = (r: RecordedResource): any => plain(r.inputs);
const only = (type: string): RecordedResource => {
    const found = ofType(resources, type);
    assert.equal(found.length, 1, `one ${type}`);
    return found[0];
};
const podSpec = (): Plain => inputs(only("kubernetes:batch/v1:Job")).spec.template.spec;
const milli = (quantity: unknown): number => {
    const value = milliValue(quantity);
    assert.ok(value !== undefined, `${String(quantity)} is a quantity`);
    return value;
};

describe("ImageWarmup", () => {
    it("runs one container per distinct image, each exiting at once and pulled only when the node lacks it", () => {
        const containers = podSpec().containers as Plain[];
        assert.deepEqual(containers.map((c) => c.image), [...new Set(IMAGES)]);
        assert.equal(new Set(containers.map((c) => c.name)).size, containers.length, "container names are unique");
        for (const container of containers) {
            assert.deepEqual(container.command, ["/bin/sh", "-c", "exit 0"]);
            assert.equal(container.imagePullPolicy, "IfNotPresent");
        }
        assert.equal(podSpec().initContainers, undefined);
        assert.equal(podSpec().restartPolicy, "Never");
    });

    it("runs the pod under the restricted standard: non-root with RuntimeDefault seccomp, no escalation, no capabilities, read-only root", () => {
        const spec = podSpec();
        assert.equal(spec.securityContext.runAsNonRoot, true);
        assert.deepEqual(spec.securityContext.seccompProfile, { type: "RuntimeDefault" });
        for (const container of spec.containers as Plain[]) {
            assert.equal(container.securityContext.allowPrivilegeEscalation, false, container.name);
            assert.deepEqual(container.securityContext.capabilities, { drop: ["ALL"] }, container.name);
            assert.equal(container.securityContext.readOnlyRootFilesystem, true, container.name);
            assert.notEqual(container.securityContext.privileged, true, container.name);
        }
    });

    it("runs on the nodes it is given, with no service account token", () => {
        const spec = podSpec();
        assert.deepEqual(spec.nodeSelector, NODE_SELECTOR);
        assert.equal(spec.automountServiceAccountToken, false);
        assert.equal(spec.serviceAccountName, undefined, "the namespace's default account, which mounts no token either");
        const patch = only("kubernetes:core/v1:ServiceAccountPatch");
        assert.deepEqual([inputs(patch).metadata.namespace, inputs(patch).automountServiceAccountToken], [WARMUP_NAMESPACE, false]);
    });

    it("puts the Job in its own namespace, which Istio does not inject into", () => {
        const job = inputs(only("kubernetes:batch/v1:Job"));
        assert.equal(job.metadata.namespace, WARMUP_NAMESPACE);
        const namespace = inputs(only("kubernetes:core/v1:Namespace"));
        assert.equal(namespace.metadata.name, WARMUP_NAMESPACE);
        assert.equal(namespace.metadata.labels["istio-injection"], undefined);
        assert.equal(namespace.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
        assert.ok(only("kubernetes:batch/v1:Job").dependencies.includes(only("kubernetes:core/v1:Namespace").urn), "the Job waits for its namespace");
    });

    it("asks for resources within the namespace's LimitRange, and its quota holds two such pods and no more", () => {
        const [limits] = inputs(only("kubernetes:core/v1:LimitRange")).spec.limits as Plain[];
        const hard = inputs(only("kubernetes:core/v1:ResourceQuota")).spec.hard as Plain;
        const containers = podSpec().containers as Plain[];
        const total = { requests: { cpu: 0, memory: 0 }, limits: { cpu: 0, memory: 0 } };
        for (const container of containers) {
            for (const resource of ["cpu", "memory"] as const) {
                const request = milli(container.resources.requests[resource]);
                const limit = milli(container.resources.limits[resource]);
                assert.ok(request <= limit, `${container.name} ${resource}: request ${request} over limit ${limit}`);
                assert.ok(limit <= milli(limits.max[resource]), `${container.name} ${resource}: limit over the LimitRange's max`);
                total.requests[resource] += request;
                total.limits[resource] += limit;
            }
        }
        assert.equal(hard.pods, "2");
        for (const resource of ["cpu", "memory"] as const) {
            assert.ok(2 * total.requests[resource] <= milli(hard[`requests.${resource}`]), `requests.${resource} holds two pods`);
            assert.ok(2 * total.limits[resource] <= milli(hard[`limits.${resource}`]), `limits.${resource} holds two pods`);
            assert.ok(3 * total.limits[resource] > milli(hard[`limits.${resource}`]), `limits.${resource} holds no third pod`);
        }
    });

    it("refuses an empty image list and an empty node selector, saying what to pass", () => {
        assert.throws(() => new ImageWarmup("w", { kubernetesVersion: "1.35", images: [], nodeSelector: NODE_SELECTOR }), /^Error: ImageWarmup: images must name at least one image$/);
        assert.throws(() => new ImageWarmup("w", { kubernetesVersion: "1.35", images: IMAGES, nodeSelector: {} }), /^Error: ImageWarmup: nodeSelector must select the nodes that have a NAT route$/);
    });
});

describe("ImageWarmup in the dev stack", () => {
    const warmupJob = () => {
        const jobs = ofType(dev, "kubernetes:batch/v1:Job").filter((r) => r.urn.includes("secure-platform:aws:ImageWarmup$"));
        assert.equal(jobs.length, 1, "one warm-up Job");
        return jobs[0];
    };
    const warmupImages = () => new Set((inputs(warmupJob()).spec.template.spec.containers as Plain[]).map((c) => String(c.image)));

    it("pulls exactly the images the data nodes run: Istio's CNI agent and proxy, mongod, the operator's init image and the backup agent", () => {
        const stack = new PreflightStack(dev, stackConfig("dev"));
        const data = nodeGroupsOf(stack).find((g) => g.labels.get("secure-platform/node-group") === "data");
        assert.ok(data, "dev has a data node group");
        const onData = placementOf(stack, allPods(stack)).filter((p) => p.groups.some((g) => g.urn === data.urn));
        const dataImages = new Set(onData.flatMap((p) => containersOf(p.pod.template.spec).map((c) => String(c.image))));
        assert.deepEqual([...warmupImages()].sort(), [...dataImages].sort());
        const repositories = [...warmupImages()].map((image) => splitImage(image).repository.replace(/:[^/]*$/, "")).sort();
        assert.deepEqual(repositories, [
            "docker-hub/istio/install-cni", "docker-hub/istio/proxyv2",
            "docker-hub/percona/percona-backup-mongodb", "docker-hub/percona/percona-server-mongodb", "docker-hub/percona/percona-server-mongodb-operator",
        ]);
    });

    it("pulls every image from the stack's own ECR registry", () => {
        const config = stackConfig("dev");
        assert.ok(config.platform === "aws" && config.awsAccountId, "dev is an AWS stack with its account");
        const registry = ecrRegistryHost(config.awsAccountId, config.region);
        for (const image of warmupImages()) {
            assert.equal(splitImage(image).registry, registry, image);
        }
    });

    it("runs on the app nodes, which have the NAT route", () => {
        assert.deepEqual(inputs(warmupJob()).spec.template.spec.nodeSelector, { "secure-platform/node-group": "app" });
    });

    it("makes KubernetesPlatform depend on the warm-up Job, so nothing on the data nodes is created before it completes", () => {
        const [platform] = ofType(dev, "secure-platform:k8s:KubernetesPlatform");
        assert.ok(platform, "dev has a KubernetesPlatform");
        assert.ok(new DependencyGraph(dev).dependsOn(platform.urn, warmupJob().urn), "KubernetesPlatform depends on the warm-up Job");
    });
});
