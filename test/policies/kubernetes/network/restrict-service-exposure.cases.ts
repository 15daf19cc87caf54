import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { service } from "./network-fixtures";

const RULE = "restrict-service-exposure";
/** The pod labels of the platform's gateway release `istio-ingress` (gateway chart: `istio: ingress`). */
const GATEWAY_PODS = { selector: { istio: "ingress", app: "istio-ingress" } };
const servicePatch = (name: string, namespace: string, spec: Record<string, unknown>) =>
    resource("kubernetes:core/v1:ServicePatch", `${namespace}-${name}-patch`, { apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec });

export default ruleCases(RULE, {
    compliant: [
        { name: "a ClusterIP service", resources: [service("api", "payments", "ClusterIP")] },
        { name: "a service of the default type", resources: [service("worker", "payments", undefined)] },
        { name: "a headless service", resources: [service("cassandra", "data", "ClusterIP", { clusterIP: "None" })] },
        { name: "an ExternalName alias for a managed database", resources: [service("db", "payments", "ExternalName", { externalName: "payments.cluster-abc.eu-west-1.rds.amazonaws.com", selector: undefined, ports: undefined })] },
        { name: "the ingress gateway's LoadBalancer, selecting the gateway's pods", resources: [service("istio-ingressgateway", "istio-ingress", "LoadBalancer", { externalTrafficPolicy: "Local", ...GATEWAY_PODS })] },
        { name: "the ingress gateway's NodePort, selecting the gateway's pods", resources: [service("istio-ingress", "istio-ingress", "NodePort", GATEWAY_PODS)] },
        { name: "a ClusterIP beside the gateway in its namespace", resources: [service("metrics", "istio-ingress", "ClusterIP")] },
        { name: "a ServicePatch restricting the gateway's load balancer to client ranges", resources: [servicePatch("istio-ingress", "istio-ingress", { loadBalancerSourceRanges: ["203.0.113.0/24"] })] },
        { name: "a NodePort of another edge where the team names its gateway's labels", resources: [service("edge", "edge-gateway", "NodePort", { selector: { app: "edge-proxy" } })], config: { [RULE]: { gatewaySelectors: { "edge-gateway": { app: "edge-proxy" } } } } },
        { name: "a LoadBalancer in a namespace the team approves", resources: [service("edge", "edge-gateway", "LoadBalancer")], config: { [RULE]: { exposedNamespaces: ["edge-gateway"] } } },
    ],
    violating: [
        {
            name: "a NodePort in the gateway's namespace exposing other pods",
            resources: [service("debug", "istio-ingress", "NodePort", { selector: { app: "debug" } })],
            message: /Service debug in istio-ingress is type NodePort but selects \{"app":"debug"\}, not only the gateway's pods \(istio: ingress\): it exposes them past the gateway\. Expected spec\.selector with istio: ingress\./,
        },
        {
            name: "a LoadBalancer without a selector in the gateway's namespace (hand-written endpoints can name any pod)",
            resources: [service("bypass", "istio-ingress", "LoadBalancer", { selector: undefined })],
            message: /Service bypass in istio-ingress is type LoadBalancer but selects no pods \(its endpoints can name any address\)/,
        },
        {
            name: "a LoadBalancer in the gateway's namespace selecting only part of the gateway's labels' worth",
            resources: [service("half", "istio-ingress", "LoadBalancer", { selector: { app: "istio-ingress" } })],
            message: /Service half in istio-ingress is type LoadBalancer but selects \{"app":"istio-ingress"\}/,
        },
        { name: "a ServicePatch turning a tenant's Service into a LoadBalancer", resources: [servicePatch("api", "tenant-acme", { type: "LoadBalancer" })], message: /Service api in tenant-acme is type LoadBalancer, reachable from outside the cluster past the gateway/ },
        { name: "a ServicePatch adding externalIPs in a tenant namespace", resources: [servicePatch("api", "tenant-acme", { externalIPs: ["198.51.100.8"] })], message: /Service api in tenant-acme takes traffic for externalIPs 198\.51\.100\.8/ },
        { name: "a NodePort in a tenant namespace", resources: [service("shop", "tenant-acme", "NodePort")], message: /Service shop in tenant-acme is type NodePort/ },
        {
            name: "a ClusterIP service taking traffic for external IPs",
            resources: [service("legacy", "payments", "ClusterIP", { externalIPs: ["198.51.100.7"] })],
            message: /Service legacy in payments takes traffic for externalIPs 198\.51\.100\.7, past the gateway\./,
        },
        { name: "a LoadBalancer next to the application", resources: [service("db-admin", "payments", "LoadBalancer")], message: /Service db-admin in payments is type LoadBalancer, reachable from outside the cluster/ },
        { name: "a NodePort in the provider's default namespace", resources: [service("debug", undefined, "NodePort", { ports: [{ port: 80, nodePort: 30080 }] })], message: /Service debug in default is type NodePort/ },
        {
            name: "an internal NLB is still outside the mesh",
            resources: [service("reports", "billing", "LoadBalancer", { loadBalancerClass: "service.k8s.aws/nlb" })],
            message: /Service reports in billing is type LoadBalancer/,
        },
        {
            name: "a LoadBalancer in the gateway namespace that selects other pods, where the team approves another namespace",
            resources: [service("istio-ingressgateway", "istio-ingress", "LoadBalancer")],
            config: { [RULE]: { exposedNamespaces: ["edge-gateway"] } },
            message: /Service istio-ingressgateway in istio-ingress is type LoadBalancer/,
        },
    ],
    unknown: [
        { name: "a type not known yet", resources: [service("later", "payments", unknown)] },
        { name: "a LoadBalancer whose namespace is not known yet", resources: [service("later", unknown, "LoadBalancer")] },
        { name: "a gateway NodePort whose selector is not known yet", resources: [service("later", "istio-ingress", "NodePort", { selector: unknown })] },
    ],
});
