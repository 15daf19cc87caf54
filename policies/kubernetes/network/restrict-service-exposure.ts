import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule<{ exposedNamespaces: string[] }>({
    name: "restrict-service-exposure",
    description: "Only the ingress gateway may expose a Service outside the cluster (type LoadBalancer or NodePort, or externalIPs); anything else bypasses the TLS edge and the mesh.",
    severity: "high",
    controls: ["EKS BP encryption-in-transit"],
    remediation: "Use `type: ClusterIP` without `externalIPs` and publish the service through the ingress gateway (an Istio VirtualService), or list the gateway's namespace in the rule's exposedNamespaces.",
    config: {
        exposedNamespaces: {
            type: "array",
            items: { type: "string" },
            default: ["istio-ingress"],
            description: "Namespaces whose Services may be LoadBalancer or NodePort (the ingress gateway's).",
        },
    },
    resourceTypes: ["kubernetes:core/v1:Service"],
    validate(props, { config }, report) {
        const type = props.spec?.type ?? "ClusterIP";
        const namespace = props.metadata?.namespace ?? "default";
        if (config.exposedNamespaces.includes(namespace)) {
            return;
        }
        // Read only when reporting: the name may be unknown during a preview.
        const service = () => `Service ${props.metadata?.name ?? "(unnamed)"} in ${namespace}`;
        if (type === "LoadBalancer" || type === "NodePort") {
            report(`${service()} is type ${type}, reachable from outside the cluster past the gateway.`);
        }
        const externalIPs = props.spec?.externalIPs;
        if (Array.isArray(externalIPs) && externalIPs.length > 0) {
            report(`${service()} takes traffic for externalIPs ${externalIPs.join(", ")}, past the gateway.`);
        }
    },
});
