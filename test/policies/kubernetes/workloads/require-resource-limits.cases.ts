import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { asPatch, compliantPodSpec, container, ephemeralContainer, everyKind, workload } from "./workload-fixtures";

const RULE = "require-resource-limits";
const FULL = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } };

/** A pod spec whose one container has `resources` (undefined: none). */
const withResources = (resources: unknown, extra: Record<string, unknown> = {}) =>
    compliantPodSpec({ containers: [container("app", { resources })], ...extra });

function limitRange(namespace: unknown, limits: unknown): ReturnType<typeof resource> {
    return resource("kubernetes:core/v1:LimitRange", `${typeof namespace === "string" ? namespace : "later"}-limits`, {
        apiVersion: "v1", kind: "LimitRange", metadata: { name: "limits", namespace }, spec: { limits },
    });
}

/** The platform's LimitRange (infra/k8s/secure-namespace.ts): a default limit and request per container. */
const platformLimits = (namespace: string) => limitRange(namespace, [{ type: "Container", default: { cpu: "500m", memory: "512Mi" }, defaultRequest: { cpu: "100m", memory: "128Mi" }, max: { cpu: "8", memory: "16Gi" } }]);

export default ruleCases(RULE, {
    compliant: [
        { name: "every workload kind with cpu and memory requests and limits", resources: everyKind("api", withResources(FULL)) },
        { name: "a container with limits only (its requests default to them)", resources: [workload("Deployment", "api", withResources({ limits: { cpu: "1", memory: "1Gi" } }))] },
        { name: "a container without resources in a namespace whose LimitRange defaults them", resources: [platformLimits("apps"), workload("Deployment", "api", withResources(undefined))] },
        { name: "a LimitRange with max only (the limit and request default to it)", resources: [limitRange("apps", [{ type: "Container", max: { cpu: "2", memory: "2Gi" } }]), workload("StatefulSet", "db", withResources(undefined))] },
        { name: "a LimitRange with default only (the request defaults to the limit)", resources: [limitRange("apps", [{ type: "Container", default: { cpu: "1", memory: "1Gi" } }]), workload("Job", "migrate", withResources(undefined))] },
        { name: "a container with a memory limit whose cpu the LimitRange defaults", resources: [limitRange("apps", [{ type: "Container", default: { cpu: "500m" }, defaultRequest: { cpu: "100m" } }]), workload("Deployment", "api", withResources({ limits: { memory: "256Mi" } }))] },
        { name: "pod-level resources bounding every container", resources: [workload("Pod", "batch", withResources(undefined, { resources: FULL }))] },
        { name: "an ephemeral debug container, which takes no resources", resources: [workload("Deployment", "api", compliantPodSpec({ containers: [container("app", { resources: FULL })], ephemeralContainers: [ephemeralContainer("debugger")] }))] },
        { name: "a DeploymentPatch that changes the image and leaves resources as they are", resources: [asPatch(workload("Deployment", "api", withResources(undefined)))] },
        { name: "a kube-system agent, exempt by default", resources: [workload("DaemonSet", "node-agent", withResources(undefined), "kube-system")] },
        { name: "memory only, where the team requires no cpu limit", resources: [workload("Deployment", "api", withResources({ requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } }))], config: { [RULE]: { resources: ["memory"] } } },
    ],
    violating: [
        {
            name: "a Deployment without resources in a namespace without a LimitRange",
            resources: [workload("Deployment", "api", withResources(undefined))],
            message: /Deployment apps\/api: container app has no cpu limit, cpu request, memory limit, memory request, and the stack declares no LimitRange in namespace apps\. Expected resources\.requests and resources\.limits/,
        },
        {
            name: "a container without a cpu limit (the workload fixture's own resources)",
            resources: [workload("StatefulSet", "db", compliantPodSpec())],
            message: /StatefulSet apps\/db: container app has no cpu limit, and the stack declares no LimitRange/,
        },
        {
            name: "an init container without resources beside a bounded one",
            resources: [workload("Job", "migrate", compliantPodSpec({ containers: [container("app", { resources: FULL })], initContainers: [container("wait", { resources: undefined })] }))],
            message: /Job apps\/migrate: container wait has no cpu limit, cpu request, memory limit, memory request/,
        },
        {
            name: "a LimitRange in another namespace",
            resources: [platformLimits("billing"), workload("Pod", "api", withResources(undefined))],
            message: /Pod apps\/api: container app has no .* and the stack declares no LimitRange in namespace apps/,
        },
        {
            name: "a LimitRange that defaults requests but no limits",
            resources: [limitRange("apps", [{ type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" } }]), workload("CronJob", "report", withResources(undefined))],
            message: /CronJob apps\/report: container app has no cpu limit, memory limit, and the LimitRanges of namespace apps do not default them/,
        },
        {
            name: "a LimitRange of type Pod, which defaults nothing per container",
            resources: [limitRange("apps", [{ type: "Pod", max: { cpu: "2", memory: "2Gi" } }]), workload("ReplicaSet", "api", withResources(undefined))],
            message: /ReplicaSet apps\/api: container app has no cpu limit/,
        },
        {
            name: "a DeploymentPatch giving a container requests but no limits",
            resources: [asPatch(workload("Deployment", "api", withResources({ requests: { cpu: "100m", memory: "128Mi" } })))],
            message: /DeploymentPatch apps\/api: container app has no cpu limit, memory limit/,
        },
        {
            name: "a kube-system agent once the team's exemptions replace the default",
            resources: [workload("DaemonSet", "node-agent", withResources(undefined), "kube-system")],
            config: { [RULE]: { exemptNamespaces: [] } },
            message: /DaemonSet kube-system\/node-agent: container app has no cpu limit/,
        },
    ],
    unknown: [
        { name: "a container's resources not known yet", resources: [workload("Deployment", "api", withResources(unknown))] },
        { name: "a LimitRange's items not known yet", resources: [limitRange("apps", unknown), workload("Deployment", "api", withResources(undefined))] },
    ],
});
