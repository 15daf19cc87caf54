import { ruleCases, unknown } from "../../../harness/policy-cases";
import { compliantPodSpec, container, ephemeralContainer, everyKind, workload } from "./workload-fixtures";

type Port = Record<string, unknown>;
const http = (ports: Port[]) => container("app", { ports });
const withApp = (ports: Port[], overrides: Record<string, unknown> = {}) => compliantPodSpec({ containers: [http(ports)], ...overrides });

export default ruleCases("disallow-host-ports", {
    compliant: [
        { name: "the restricted pod spec in every workload kind", resources: everyKind("payments-api", compliantPodSpec()) },
        {
            name: "a Deployment with hostPort 0 (unset)",
            resources: [workload("Deployment", "api", withApp([{ name: "http", containerPort: 8080, hostPort: 0, protocol: "TCP" }]))],
        },
        {
            name: "a StatefulSet with several container ports and an init container without ports",
            resources: [workload("StatefulSet", "cassandra", withApp(
                [{ name: "cql", containerPort: 9042 }, { name: "intra-node", containerPort: 7000 }, { name: "jmx", containerPort: 7199 }],
                { initContainers: [container("bootstrap")] },
            ))],
        },
        {
            name: "an ingress controller binding 80 and 443 on the node in kube-system, exempt by default",
            resources: [workload("DaemonSet", "ingress-nginx", withApp([{ containerPort: 80, hostPort: 80 }, { containerPort: 443, hostPort: 443 }]), "kube-system")],
        },
        {
            name: "an ingress controller binding 443 on the node where the team exempts its namespace",
            resources: [workload("DaemonSet", "ingress-nginx", withApp([{ containerPort: 443, hostPort: 443 }]), "ingress-nginx")],
            config: { "disallow-host-ports": { exemptNamespaces: ["kube-system", "ingress-nginx"] } },
        },
    ],
    violating: [
        {
            name: "a Pod binding a port on the node",
            resources: [workload("Pod", "echo", withApp([{ name: "http", containerPort: 8080, hostPort: 8080 }]))],
            message: /Pod echo: container app binds host port 8080\./,
        },
        {
            name: "a Pod whose ephemeral debug container declares a host port (which the API server would refuse too)",
            resources: [workload("Pod", "api", compliantPodSpec({ ephemeralContainers: [ephemeralContainer("debugger", { ports: [{ containerPort: 2345, hostPort: 2345 }] })] }))],
            message: /Pod api: ephemeral container debugger binds host port 2345\./,
        },
        {
            name: "a PodTemplate binding a port on the node",
            resources: [workload("PodTemplate", "gateway", withApp([{ containerPort: 8443, hostPort: 443 }]))],
            message: /PodTemplate gateway: container app binds host port 443\./,
        },
        {
            name: "a ReplicationController binding a UDP port on the node",
            resources: [workload("ReplicationController", "statsd", withApp([{ containerPort: 8125, hostPort: 8125, protocol: "UDP" }]))],
            message: /ReplicationController statsd: container app binds host port 8125\./,
        },
        {
            name: "a Deployment whose sidecar binds a port on the node",
            resources: [workload("Deployment", "web", compliantPodSpec({
                containers: [http([{ containerPort: 8080 }]), container("metrics", { ports: [{ name: "metrics", containerPort: 9100, hostPort: 9100 }] })],
            }))],
            message: /Deployment web: container metrics binds host port 9100\./,
        },
        {
            name: "a StatefulSet binding its peer port on the node",
            resources: [workload("StatefulSet", "redis", withApp([{ name: "redis", containerPort: 6379 }, { name: "gossip", containerPort: 16379, hostPort: 16379 }]))],
            message: /StatefulSet redis: container app binds host port 16379\./,
        },
        {
            name: "an ingress controller DaemonSet binding 80 and 443 outside an exempt namespace",
            resources: [workload("DaemonSet", "ingress-nginx", withApp([{ containerPort: 80, hostPort: 80 }, { containerPort: 443, hostPort: 443 }]), "ingress-nginx")],
            message: /DaemonSet ingress-nginx: container app binds host port 443\./,
        },
        {
            name: "a ReplicaSet binding a port on the node",
            resources: [workload("ReplicaSet", "api-7d9f8", withApp([{ containerPort: 3000, hostPort: 30000 }]))],
            message: /ReplicaSet api-7d9f8: container app binds host port 30000\./,
        },
        {
            name: "a Job whose init container binds a port on the node",
            resources: [workload("Job", "seed", compliantPodSpec({ initContainers: [container("wait-for-db", { ports: [{ containerPort: 5432, hostPort: 5432 }] })] }))],
            message: /Job seed: init container wait-for-db binds host port 5432\./,
        },
        {
            name: "a CronJob binding a port on the node",
            resources: [workload("CronJob", "probe", withApp([{ containerPort: 9090, hostPort: 9090 }]))],
            message: /CronJob probe: container app binds host port 9090\./,
        },
        {
            name: "a kube-system DaemonSet where the team's exemptions replace the default",
            resources: [workload("DaemonSet", "ingress-nginx", withApp([{ containerPort: 443, hostPort: 443 }]), "kube-system")],
            config: { "disallow-host-ports": { exemptNamespaces: ["ingress-nginx"] } },
            message: /DaemonSet ingress-nginx: container app binds host port 443\./,
        },
    ],
    unknown: [
        { name: "a host port not known yet", resources: [workload("Deployment", "api", withApp([{ containerPort: 8080, hostPort: unknown }]))] },
        { name: "the ports not known yet", resources: [workload("StatefulSet", "db", compliantPodSpec({ containers: [container("app", { ports: unknown })] }))] },
    ],
});
