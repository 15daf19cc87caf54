import { ruleCases, unknown } from "../../../harness/policy-cases";
import { k8s } from "../k8s-fixtures";

const service = (name: string, namespace: string, type: unknown) =>
    k8s("core", "Service", name, namespace, { spec: { ...(type === undefined ? {} : { type: type as never }), selector: { app: name }, ports: [{ port: 443, targetPort: 8443 }] } });

export default ruleCases("restrict-service-exposure", {
    compliant: [
        { name: "a ClusterIP service", resources: [service("api", "payments", "ClusterIP")] },
        { name: "a service of the default type", resources: [service("worker", "payments", undefined)] },
        { name: "the ingress gateway's NodePort", resources: [service("istio-ingress", "istio-ingress", "NodePort")] },
        { name: "a LoadBalancer in a namespace the team approves", resources: [service("edge", "edge-gateway", "LoadBalancer")], config: { "restrict-service-exposure": { exposedNamespaces: ["edge-gateway"] } } },
    ],
    violating: [
        { name: "a LoadBalancer next to the application", resources: [service("db-admin", "payments", "LoadBalancer")], message: /Service db-admin in payments is type LoadBalancer/ },
        { name: "a NodePort in the default namespace", resources: [k8s("core", "Service", "debug", undefined, { spec: { type: "NodePort", ports: [{ port: 80 }] } })], message: /Service debug in default is type NodePort/ },
    ],
    unknown: [
        { name: "a type not known yet", resources: [service("later", "payments", unknown)] },
    ],
});
