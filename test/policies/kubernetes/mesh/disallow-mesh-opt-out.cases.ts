import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { asPatch, compliantPodSpec, everyKind, workload, type WorkloadKind } from "../workloads/workload-fixtures";

const RULE = "disallow-mesh-opt-out";

function namespace(name: string, labels: Record<string, unknown>, type = "Namespace") {
    return resource(`kubernetes:core/v1:${type}`, `${name}-${type.toLowerCase()}`, { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });
}
/** A tenant namespace as the platform makes it, and the image warm-up's, which has no injection label. */
const meshed = namespace("tenant-acme", { "istio-injection": "enabled", "pod-security.kubernetes.io/enforce": "restricted" });
const warmup = namespace("image-warmup", { "pod-security.kubernetes.io/enforce": "restricted" });

/** Where each kind keeps its pod template's metadata (a Pod: its own). */
const TEMPLATE_METADATA: Partial<Record<WorkloadKind, string[]>> = {
    Pod: ["metadata"],
    PodTemplate: ["template", "metadata"],
    CronJob: ["spec", "jobTemplate", "spec", "template", "metadata"],
};

type Node = Record<string, unknown>;

/** The compliant pod spec in a workload of `kind`, with extra pod template labels and annotations. */
function withPodMetadata(kind: WorkloadKind, name: string, ns: string, metadata: { labels?: Node; annotations?: Node }) {
    const w = workload(kind, name, compliantPodSpec(), ns);
    const props = JSON.parse(JSON.stringify(w.props)) as Node;
    let target = props;
    for (const key of TEMPLATE_METADATA[kind] ?? ["spec", "template", "metadata"]) {
        target = target[key] as Node;
    }
    target.labels = { ...(target.labels as Node), ...metadata.labels };
    if (metadata.annotations) {
        target.annotations = metadata.annotations;
    }
    return { ...w, props: props as typeof w.props };
}
const NO_SIDECAR = { labels: { "sidecar.istio.io/inject": "false" } };

export default ruleCases(RULE, {
    compliant: [
        { name: "every workload kind in a meshed namespace, injected", resources: [meshed, ...everyKind("api", compliantPodSpec(), "tenant-acme")] },
        { name: "the image warm-up Job opting out in its namespace without injection", resources: [warmup, withPodMetadata("Job", "warmup", "image-warmup", NO_SIDECAR)] },
        { name: "an opt-out in a namespace the stack does not declare", resources: [withPodMetadata("Deployment", "legacy", "other", NO_SIDECAR)] },
        { name: "a namespace meshed by revision, whose pods keep their sidecars", resources: [namespace("tenant-acme", { "istio.io/rev": "1-29" }), withPodMetadata("Deployment", "api", "tenant-acme", { labels: { "sidecar.istio.io/inject": "true" } })] },
        { name: "outbound ranges excluded for the pod identity agent only (the Percona operator's)", resources: [meshed, withPodMetadata("Deployment", "operator", "tenant-acme", { annotations: { "traffic.sidecar.istio.io/excludeOutboundIPRanges": "169.254.170.23/32" } })] },
        { name: "a NamespacePatch adding a team label", resources: [meshed, namespace("tenant-acme", { team: "acme" }, "NamespacePatch")] },
        { name: "an opt-out the team approves", resources: [meshed, withPodMetadata("Job", "migrate", "tenant-acme", NO_SIDECAR)], config: { [RULE]: { allowedWorkloads: ["tenant-acme/migrate"] } } },
    ],
    violating: [
        { name: "a Deployment labelled out of the mesh", resources: [meshed, withPodMetadata("Deployment", "api", "tenant-acme", NO_SIDECAR)], message: /Deployment tenant-acme\/api opts out of the mesh of namespace tenant-acme with label sidecar\.istio\.io\/inject: "false" \(no sidecar\): mTLS and authorization are not enforced on its traffic/ },
        { name: "a Pod annotated out of the mesh", resources: [meshed, withPodMetadata("Pod", "debug", "tenant-acme", { annotations: { "sidecar.istio.io/inject": "false" } })], message: /Pod tenant-acme\/debug opts out of the mesh of namespace tenant-acme with annotation sidecar\.istio\.io\/inject/ },
        { name: "a CronJob in a namespace meshed by revision", resources: [namespace("tenant-acme", { "istio.io/rev": "default" }), withPodMetadata("CronJob", "report", "tenant-acme", NO_SIDECAR)], message: /CronJob tenant-acme\/report opts out/ },
        { name: "a StatefulSet whose inbound traffic skips the sidecar", resources: [meshed, withPodMetadata("StatefulSet", "db", "tenant-acme", { annotations: { "traffic.sidecar.istio.io/includeInboundPorts": "" } })], message: /StatefulSet tenant-acme\/db opts out .*\/includeInboundPorts: "" \(no inbound traffic through the sidecar\)/ },
        { name: "a DaemonSet sending everything past the sidecar", resources: [meshed, withPodMetadata("DaemonSet", "agent", "tenant-acme", { annotations: { "traffic.sidecar.istio.io/excludeOutboundIPRanges": "0.0.0.0/0" } })], message: /DaemonSet tenant-acme\/agent opts out .*\/excludeOutboundIPRanges of every address/ },
        { name: "a DeploymentPatch opting a workload out", resources: [meshed, asPatch(withPodMetadata("Deployment", "api", "tenant-acme", NO_SIDECAR))], message: /DeploymentPatch tenant-acme\/api opts out/ },
        { name: "a NamespacePatch turning injection off", resources: [meshed, namespace("tenant-acme", { "istio-injection": "disabled" }, "NamespacePatch")], message: /NamespacePatch of tenant-acme turns sidecar injection off in a namespace the stack meshes/ },
    ],
    unknown: [
        { name: "an opted-out workload's namespace not known yet", resources: [meshed, withPodMetadata("Deployment", "api", unknown as string, NO_SIDECAR)] },
    ],
});
