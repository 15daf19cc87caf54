/**
 * Services reachable from outside the cluster. Only the ingress gateway is exposed: in its namespace a
 * LoadBalancer or NodePort Service must select the gateway's pods, because a Service selects pods of its own
 * namespace only, and one that selects other pods, or none (endpoints written by hand can name any pod's
 * address), would expose them past the gateway's TLS and its authorization. The gateway chart labels its
 * pods `istio: <release name without istio->` (gateway 1.29.0 values.yaml `labels`), so `istio: ingress`
 * for the platform's release `istio-ingress`.
 */
import { withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule, type Props } from "../../lib/rule";

/** Whether a Service selector selects only pods carrying every label of `labels`. */
function selectsOnly(selector: unknown, labels: Props): boolean {
    if (typeof selector !== "object" || selector === null) {
        return false;
    }
    const s = selector as Props;
    return Object.entries(labels).every(([key, value]) => s[key] === value);
}

export default defineResourceRule<{ exposedNamespaces: string[]; gatewaySelectors: Record<string, Record<string, string>> }>({
    name: "restrict-service-exposure",
    description: "Only the ingress gateway may expose a Service outside the cluster (type LoadBalancer or NodePort, or externalIPs), and in the gateway's namespace only a Service selecting the gateway's pods; anything else bypasses the TLS edge and the mesh.",
    severity: "high",
    controls: ["EKS BP encryption-in-transit"],
    remediation: "Use `type: ClusterIP` without `externalIPs` and publish the service through the ingress gateway (an Istio VirtualService). In the gateway's namespace, give an exposed Service `spec.selector` with the gateway's pod labels (the rule's gatewaySelectors, `istio: ingress`); list a namespace of another approved edge in the rule's exposedNamespaces.",
    config: {
        exposedNamespaces: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Namespaces in which any Service may be LoadBalancer or NodePort (another approved edge).",
        },
        gatewaySelectors: {
            type: "object",
            default: { "istio-ingress": { istio: "ingress" } },
            description: "Per namespace, the pod labels of its gateway: a LoadBalancer or NodePort Service there must select pods with all of them.",
        },
    },
    resourceTypes: withPatches(["kubernetes:core/v1:Service"]),
    validate(props, { config }, report) {
        const type = props.spec?.type ?? "ClusterIP";
        const externalIPs = props.spec?.externalIPs;
        const exposed = type === "LoadBalancer" || type === "NodePort" || (Array.isArray(externalIPs) && externalIPs.length > 0);
        if (!exposed) {
            return;
        }
        const namespace = props.metadata?.namespace ?? "default";
        if (config.exposedNamespaces.includes(namespace)) {
            return;
        }
        // Read only when reporting: the name may be unknown during a preview.
        const service = () => `Service ${props.metadata?.name ?? "(unnamed)"} in ${namespace}`;
        const how = type === "LoadBalancer" || type === "NodePort" ? `is type ${type}` : `takes traffic for externalIPs ${externalIPs.join(", ")}`;
        const gateway = config.gatewaySelectors[namespace];
        if (gateway === undefined) {
            if (type === "LoadBalancer" || type === "NodePort") {
                report(`${service()} is type ${type}, reachable from outside the cluster past the gateway. Expected type ClusterIP, published through the ingress gateway.`);
            }
            if (Array.isArray(externalIPs) && externalIPs.length > 0) {
                report(`${service()} takes traffic for externalIPs ${externalIPs.join(", ")}, past the gateway. Expected no externalIPs.`);
            }
            return;
        }
        if (!selectsOnly(props.spec?.selector, gateway)) {
            const wanted = Object.entries(gateway).map(([k, v]) => `${k}: ${v}`).join(", ");
            report(`${service()} ${how} but selects ${props.spec?.selector === undefined ? "no pods (its endpoints can name any address)" : JSON.stringify(props.spec.selector)}, not only the gateway's pods (${wanted}): it exposes them past the gateway. Expected spec.selector with ${wanted}.`);
        }
    },
});
