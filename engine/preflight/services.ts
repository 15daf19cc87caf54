/**
 * Services of type NodePort and LoadBalancer the cluster will hold, for the ResourceQuota checks on
 * `services.nodeports` and `services.loadbalancers`: the program's own Service objects and the Service the
 * Istio `gateway` chart renders from its values (infra/upstream/charts/gateway@<version>/templates/service.yaml:
 * `type` and the `ports` list from `service`, defaults under `_internal_defaults_do_not_set` in values.yaml;
 * a list in the release's values replaces the default list, as Helm merges values).
 */
import { pinnedChart } from "./charts/pinned-charts";
import { isUnknown, Plain, PreflightStack } from "./stack";

export interface ServiceModel {
    readonly urn: string;
    /** The value path the Service is read from: `spec` of an object, `values.service` of a release. */
    readonly path: string;
    readonly description: string;
    readonly namespace: string;
    readonly type: string;
    readonly ports: readonly Plain[];
    /** `spec.allocateLoadBalancerNodePorts`, defaulted to true for a LoadBalancer by the API server. */
    readonly allocateLoadBalancerNodePorts: boolean;
}

/**
 * Node ports a Service consumes as ResourceQuota counts them: one per port of a NodePort Service and of a
 * LoadBalancer Service (which allocates node ports unless `allocateLoadBalancerNodePorts: false`, and then
 * counts only ports that name a nodePort) (pkg/quota/v1/evaluator/core/services.go;
 * github.com/kubernetes/kubernetes/pull/97451).
 */
export function nodePortsOf(service: ServiceModel): number {
    if (service.type === "NodePort") {
        return service.ports.length;
    }
    if (service.type === "LoadBalancer") {
        return service.allocateLoadBalancerNodePorts ? service.ports.length : service.ports.filter((p) => p.nodePort !== undefined).length;
    }
    return 0;
}

/** The gateway chart's Service of a release, from its values over the pinned chart's defaults. */
function gatewayChartService(stack: PreflightStack): ServiceModel[] {
    return stack.helmReleases.filter((r) => r.chart === "gateway").flatMap((release) => {
        const chart = release.version ? pinnedChart("gateway", release.version) : undefined;
        const defaults = ((chart?.values._internal_defaults_do_not_set ?? chart?.values ?? {}) as Plain).service as Plain | undefined;
        const values = (release.values.service ?? {}) as Plain;
        const type = String(values.type ?? defaults?.type ?? "LoadBalancer");
        const ports = (Array.isArray(values.ports) ? values.ports : defaults?.ports ?? []) as Plain[];
        if (type === "None" || isUnknown(values.type)) {
            return [];
        }
        return [{
            urn: release.resource.urn,
            path: "values.service",
            description: `Service ${release.namespace}/${release.releaseName} (chart gateway ${release.version ?? ""})`.trim(),
            namespace: release.namespace,
            type,
            ports,
            allocateLoadBalancerNodePorts: values.allocateLoadBalancerNodePorts !== false,
        }];
    });
}

/** Every NodePort and LoadBalancer Service the stack creates, directly or through a modelled chart. */
export function servicesOf(stack: PreflightStack): ServiceModel[] {
    const own = stack.objectsOfKind("Service").filter((o) => !o.patch).map((o): ServiceModel => {
        const spec = (o.object.spec ?? {}) as Plain;
        return {
            urn: o.resource.urn,
            path: "spec",
            description: `Service ${o.namespace ?? "default"}/${o.name ?? o.resource.name}`,
            namespace: o.namespace ?? "default",
            type: String(spec.type ?? "ClusterIP"),
            ports: (spec.ports ?? []) as Plain[],
            allocateLoadBalancerNodePorts: spec.allocateLoadBalancerNodePorts !== false,
        };
    });
    return [...own, ...gatewayChartService(stack)].filter((s) => s.type === "NodePort" || s.type === "LoadBalancer");
}
