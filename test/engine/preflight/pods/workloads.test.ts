import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { workloadPods } from "../../../../engine/preflight/pods/workloads";
import type { RecordedResource } from "../../../../engine/program";
import { Plain, PreflightStack } from "../../../../engine/preflight/stack";
import { UNKNOWN } from "../../../../engine/wire";

function resource(type: string, name: string, inputs: Plain): RecordedResource {
    return { urn: `urn:pulumi:dev::secure-platform::${type}::${name}`, type, name, custom: true, inputs } as unknown as RecordedResource;
}

const template = { metadata: { labels: { app: "a" } }, spec: { containers: [{ name: "a", image: "a:1" }] } };

describe("the program's own workloads", () => {
    it("are modelled with their replicas, an autoscaler's maximum, a job's parallelism, one pod per node for a DaemonSet", () => {
        const stack = new PreflightStack([
            resource("kubernetes:apps/v1:Deployment", "web", { metadata: { name: "web", namespace: "platform" }, spec: { replicas: 2, template } }),
            resource("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web-hpa", { metadata: { name: "web", namespace: "platform" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 2, maxReplicas: 7 } }),
            resource("kubernetes:apps/v1:StatefulSet", "db", { metadata: { name: "db", namespace: "platform" }, spec: { template } }),
            resource("kubernetes:apps/v1:DaemonSet", "agent", { metadata: { name: "agent", namespace: "platform" }, spec: { template } }),
            resource("kubernetes:batch/v1:CronJob", "nightly", { metadata: { name: "nightly", namespace: "platform" }, spec: { jobTemplate: { spec: { parallelism: 3, template } } } }),
            resource("kubernetes:core/v1:Pod", "debug", { metadata: { name: "debug", namespace: "platform", labels: { app: "d" } }, spec: template.spec }),
            resource("kubernetes:apps/v1:DeploymentPatch", "patched", { metadata: { name: "web", namespace: "platform" }, spec: { replicas: 9 } }),
        ]);
        assert.deepEqual(workloadPods(stack).map((p) => `${p.kind} ${p.namespace}/${p.name} x${p.replicas} @${p.origin.path}`), [
            "Deployment platform/web x7 @spec.template",
            "StatefulSet platform/db x1 @spec.template",
            "DaemonSet platform/agent x1 @spec.template",
            "CronJob platform/nightly x3 @spec.jobTemplate.spec.template",
            "Pod platform/debug x1 @spec",
        ]);
        const pod = workloadPods(stack)[4];
        assert.deepEqual(pod.template.metadata.labels, { app: "d" });
        assert.deepEqual(pod.template.spec, template.spec);
    });

    it("leave out a workload whose pod template a preview does not know yet", () => {
        const stack = new PreflightStack([resource("kubernetes:apps/v1:Deployment", "web", { metadata: { name: "web", namespace: "platform" }, spec: { template: UNKNOWN } })]);
        assert.deepEqual(workloadPods(stack), []);
    });
});
