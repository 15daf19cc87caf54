import { ruleCases, unknown } from "../../../harness/policy-cases";
import { service } from "./network-fixtures";

const RULE = "restrict-service-exposure";

export default ruleCases(RULE, {
    compliant: [
        { name: "a ClusterIP service", resources: [service("api", "payments", "ClusterIP")] },
        { name: "a service of the default type", resources: [service("worker", "payments", undefined)] },
        { name: "a headless service", resources: [service("cassandra", "data", "ClusterIP", { clusterIP: "None" })] },
        { name: "an ExternalName alias for a managed database", resources: [service("db", "payments", "ExternalName", { externalName: "payments.cluster-abc.eu-west-1.rds.amazonaws.com", selector: undefined, ports: undefined })] },
        { name: "the ingress gateway's LoadBalancer, exempt by default", resources: [service("istio-ingressgateway", "istio-ingress", "LoadBalancer", { externalTrafficPolicy: "Local" })] },
        { name: "the ingress gateway's NodePort, exempt by default", resources: [service("istio-ingress", "istio-ingress", "NodePort")] },
        { name: "a LoadBalancer in a namespace the team approves", resources: [service("edge", "edge-gateway", "LoadBalancer")], config: { [RULE]: { exposedNamespaces: ["edge-gateway"] } } },
    ],
    violating: [
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
            name: "the gateway namespace once the team's list replaces the default",
            resources: [service("istio-ingressgateway", "istio-ingress", "LoadBalancer")],
            config: { [RULE]: { exposedNamespaces: ["edge-gateway"] } },
            message: /Service istio-ingressgateway in istio-ingress is type LoadBalancer/,
        },
    ],
    unknown: [
        { name: "a type not known yet", resources: [service("later", "payments", unknown)] },
        { name: "a LoadBalancer whose namespace is not known yet", resources: [service("later", unknown, "LoadBalancer")] },
    ],
});
