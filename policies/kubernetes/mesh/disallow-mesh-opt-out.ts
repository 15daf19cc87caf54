/**
 * Pods that leave the mesh of a meshed namespace. The injector skips a pod whose label (or, without the
 * label, annotation) `sidecar.istio.io/inject` is "false" (istio 1.29.0: the istiod chart's webhook
 * objectSelector, templates/mutatingwebhook.yaml; pkg/kube/inject/inject.go injectRequired). Such a pod has
 * no sidecar: nothing enforces STRICT mTLS or the AuthorizationPolicies on what it receives, and nothing
 * applies REGISTRY_ONLY to what it sends. The traffic annotations `includeInboundPorts: ""`,
 * `includeOutboundIPRanges: ""` and an `excludeOutboundIPRanges` of every address take all of one
 * direction out of the sidecar in the same way. A namespace is meshed when it carries `istio-injection:
 * enabled`, or `istio.io/rev` without `istio-injection` (the same webhook's namespaceSelector); a
 * NamespacePatch turning that off for a namespace the stack meshes is an opt-out of all its pods.
 */
import type { PolicyResource } from "../../lib/policy-api";
import { kindOf, namespaceOf } from "../../lib/kubernetes-kinds";
import { podMetadataOf, podSpecOf, WORKLOAD_TYPE_LIST } from "../../lib/pod-spec";
import { defineStackRule, type Props } from "../../lib/rule";

const INJECT = "sidecar.istio.io/inject";
const workloadTypes = new Set(WORKLOAD_TYPE_LIST);

function meshedBy(labels: Props): boolean {
    return labels["istio-injection"] === "enabled" || (labels["istio-injection"] === undefined && labels["istio.io/rev"] !== undefined);
}

/** How a pod template leaves the mesh, or undefined. */
function optOut(metadata: Props): string | undefined {
    const labels: Props = metadata.labels ?? {};
    const annotations: Props = metadata.annotations ?? {};
    const inject = labels[INJECT] ?? annotations[INJECT];
    if (inject !== undefined && String(inject) === "false") {
        return `${labels[INJECT] !== undefined ? "label" : "annotation"} ${INJECT}: "false" (no sidecar)`;
    }
    if (annotations["traffic.sidecar.istio.io/includeInboundPorts"] === "") {
        return "annotation traffic.sidecar.istio.io/includeInboundPorts: \"\" (no inbound traffic through the sidecar)";
    }
    if (annotations["traffic.sidecar.istio.io/includeOutboundIPRanges"] === "") {
        return "annotation traffic.sidecar.istio.io/includeOutboundIPRanges: \"\" (no outbound traffic through the sidecar)";
    }
    const excluded = String(annotations["traffic.sidecar.istio.io/excludeOutboundIPRanges"] ?? "").split(",").map((s) => s.trim());
    if (excluded.some((range) => range === "*" || range === "0.0.0.0/0" || range === "::/0")) {
        return "annotation traffic.sidecar.istio.io/excludeOutboundIPRanges of every address (no outbound traffic through the sidecar)";
    }
    return undefined;
}

export default defineStackRule<{ allowedWorkloads: string[] }>({
    name: "disallow-mesh-opt-out",
    description: "Pods in a namespace the stack meshes must not opt out of sidecar injection or of its traffic capture, and a NamespacePatch must not turn injection off for such a namespace.",
    severity: "high",
    controls: ["Istio BP mutual-tls", "Istio BP apply-default-deny-authorization-policies", "EKS BP encryption-in-transit"],
    remediation: "Remove `sidecar.istio.io/inject: \"false\"` (label or annotation) and the traffic.sidecar.istio.io annotations that bypass the sidecar from the pod template (`spec.template.metadata`), and keep `istio-injection: enabled` on the namespace; a workload that must run outside the mesh goes to a namespace without injection, with its own NetworkPolicies, or is listed as `<namespace>/<name>` in the rule's allowedWorkloads.",
    config: {
        allowedWorkloads: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Workloads (`<namespace>/<name>`) approved to run without a sidecar in a meshed namespace.",
        },
    },
    validate(resources, { config }, report) {
        const meshed = new Set<string>();
        const patches: PolicyResource[] = [];
        const leaving: Array<{ workload: PolicyResource; how: string }> = [];
        for (const resource of resources) {
            if (resource.type === "kubernetes:core/v1:Namespace") {
                const metadata: Props = resource.props.metadata ?? {};
                if (meshedBy(metadata.labels ?? {})) {
                    meshed.add(String(metadata.name));
                }
            } else if (resource.type === "kubernetes:core/v1:NamespacePatch") {
                patches.push(resource);
            } else if (workloadTypes.has(resource.type) && podSpecOf(resource.type, resource.props)) {
                const how = optOut(podMetadataOf(resource.type, resource.props) ?? {});
                if (how) {
                    leaving.push({ workload: resource, how });
                }
            }
        }
        for (const patch of patches) {
            const metadata: Props = patch.props.metadata ?? {};
            const labels: Props = metadata.labels ?? {};
            const name = String(metadata.name);
            if (meshed.has(name) && (labels["istio-injection"] === "disabled" || (labels["istio-injection"] === undefined && labels["istio.io/rev"] === ""))) {
                report(patch, `NamespacePatch of ${name} turns sidecar injection off in a namespace the stack meshes: its new pods run without sidecars. Expected istio-injection: enabled kept.`);
            }
        }
        for (const { workload, how } of leaving) {
            const namespace = namespaceOf(workload.props);
            const name = String(workload.props.metadata?.name ?? workload.name);
            if (meshed.has(namespace) && !config.allowedWorkloads.includes(`${namespace}/${name}`)) {
                report(workload, `${kindOf(workload.type)} ${namespace}/${name} opts out of the mesh of namespace ${namespace} with ${how}: mTLS and authorization are not enforced on its traffic. Expected the pod template without it.`);
            }
        }
    },
});
