import { ruleCases, unknown } from "../../../harness/policy-cases";
import { compliantPodSpec, everyKind, workload } from "./workload-fixtures";

export default ruleCases("disallow-host-namespaces", {
    compliant: [
        { name: "the restricted pod spec in every workload kind", resources: everyKind("payments-api", compliantPodSpec()) },
        {
            name: "a Deployment setting hostNetwork, hostPID and hostIPC to false",
            resources: [workload("Deployment", "checkout", compliantPodSpec({ hostNetwork: false, hostPID: false, hostIPC: false }))],
        },
        {
            name: "a DaemonSet on the host network in kube-system, exempt by default",
            resources: [workload("DaemonSet", "kube-proxy", compliantPodSpec({ hostNetwork: true, hostPID: true }), "kube-system")],
        },
        {
            name: "a node exporter on the host network where the team exempts its monitoring namespace",
            resources: [workload("DaemonSet", "node-exporter", compliantPodSpec({ hostNetwork: true, hostPID: true }), "monitoring")],
            config: { "disallow-host-namespaces": { exemptNamespaces: ["kube-system", "monitoring"] } },
        },
    ],
    violating: [
        {
            name: "a Pod on the host network",
            resources: [workload("Pod", "netdebug", compliantPodSpec({ hostNetwork: true }))],
            message: /Pod netdebug sets hostNetwork: it can see and reach the node's Network\./,
        },
        {
            name: "a PodTemplate sharing the host PID namespace",
            resources: [workload("PodTemplate", "profiler", compliantPodSpec({ hostPID: true }))],
            message: /PodTemplate profiler sets hostPID: it can see and reach the node's PID\./,
        },
        {
            name: "a ReplicationController sharing the host IPC namespace",
            resources: [workload("ReplicationController", "legacy-cache", compliantPodSpec({ hostIPC: true }))],
            message: /ReplicationController legacy-cache sets hostIPC: it can see and reach the node's IPC\./,
        },
        {
            name: "a Deployment sharing all three host namespaces",
            resources: [workload("Deployment", "agent", compliantPodSpec({ hostNetwork: true, hostPID: true, hostIPC: true }))],
            message: /Deployment agent sets hostNetwork, hostPID, hostIPC: it can see and reach the node's Network, PID, IPC\./,
        },
        {
            name: "a StatefulSet on the host network",
            resources: [workload("StatefulSet", "kafka", compliantPodSpec({ hostNetwork: true }))],
            message: /StatefulSet kafka sets hostNetwork:/,
        },
        {
            name: "a node exporter DaemonSet on the host network and PID namespace outside an exempt namespace",
            resources: [workload("DaemonSet", "node-exporter", compliantPodSpec({ hostNetwork: true, hostPID: true }), "monitoring")],
            message: /DaemonSet node-exporter sets hostNetwork, hostPID: it can see and reach the node's Network, PID\./,
        },
        {
            name: "a ReplicaSet sharing the host IPC namespace",
            resources: [workload("ReplicaSet", "shm-worker", compliantPodSpec({ hostIPC: true }))],
            message: /ReplicaSet shm-worker sets hostIPC:/,
        },
        {
            name: "a Job sharing the host PID namespace",
            resources: [workload("Job", "node-inspect", compliantPodSpec({ hostPID: true }))],
            message: /Job node-inspect sets hostPID:/,
        },
        {
            name: "a CronJob on the host network",
            resources: [workload("CronJob", "port-scan", compliantPodSpec({ hostNetwork: true }))],
            message: /CronJob port-scan sets hostNetwork:/,
        },
        {
            name: "a kube-system DaemonSet where the team's exemptions replace the default",
            resources: [workload("DaemonSet", "kube-proxy", compliantPodSpec({ hostNetwork: true }), "kube-system")],
            config: { "disallow-host-namespaces": { exemptNamespaces: ["monitoring"] } },
            message: /DaemonSet kube-proxy sets hostNetwork:/,
        },
    ],
    unknown: [
        { name: "hostNetwork not known yet", resources: [workload("Deployment", "edge", compliantPodSpec({ hostNetwork: unknown }))] },
        { name: "the namespace (exempt or not) not known yet", resources: [workload("DaemonSet", "agent", compliantPodSpec({ hostPID: true }), unknown)] },
    ],
});
