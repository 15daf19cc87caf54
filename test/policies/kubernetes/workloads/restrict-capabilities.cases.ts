import { ruleCases, unknown } from "../../../harness/policy-cases";
import { compliantPodSpec, container, ephemeralContainer, everyKind, workload } from "./workload-fixtures";

const caps = (name: string, capabilities: unknown) => container(name, { securityContext: { capabilities } });
const withApp = (capabilities: unknown) => compliantPodSpec({ containers: [caps("app", capabilities)] });

export default ruleCases("restrict-capabilities", {
    compliant: [
        { name: "the restricted pod spec in every workload kind", resources: everyKind("payments-api", compliantPodSpec()) },
        { name: "a Deployment adding back only NET_BIND_SERVICE", resources: [workload("Deployment", "edge-proxy", withApp({ drop: ["ALL"], add: ["NET_BIND_SERVICE"] }))] },
        {
            name: "a Job whose init and ephemeral containers drop ALL too",
            resources: [workload("Job", "migrate", compliantPodSpec({ initContainers: [container("wait-for-db")], ephemeralContainers: [ephemeralContainer("debugger")] }))],
        },
        {
            name: "a capability the team allows",
            resources: [workload("DaemonSet", "pinger", withApp({ drop: ["ALL"], add: ["NET_RAW"] }))],
            config: { "restrict-capabilities": { allowedCapabilities: ["NET_BIND_SERVICE", "NET_RAW"] } },
        },
        {
            name: "a CNI agent adding NET_ADMIN in kube-system, exempt by default",
            resources: [workload("DaemonSet", "aws-node", withApp({ add: ["NET_ADMIN", "NET_RAW"] }), "kube-system")],
        },
        {
            name: "a mesh init container adding NET_ADMIN where the team exempts its namespace",
            resources: [workload("Deployment", "istiod", compliantPodSpec({ initContainers: [caps("istio-init", { drop: ["ALL"], add: ["NET_ADMIN", "NET_RAW"] })] }), "istio-system")],
            config: { "restrict-capabilities": { exemptNamespaces: ["kube-system", "istio-system"] } },
        },
    ],
    violating: [
        {
            name: "a Pod whose container drops no capability",
            resources: [workload("Pod", "shell", withApp(undefined))],
            message: /Pod shell: container app does not drop ALL capabilities \(drops none\)\./,
        },
        {
            name: "a PodTemplate dropping only NET_RAW",
            resources: [workload("PodTemplate", "builder", withApp({ drop: ["NET_RAW"] }))],
            message: /PodTemplate builder: container app does not drop ALL capabilities \(drops NET_RAW\)\./,
        },
        {
            name: "a ReplicationController adding SYS_ADMIN after dropping ALL",
            resources: [workload("ReplicationController", "fuse-mounter", withApp({ drop: ["ALL"], add: ["SYS_ADMIN"] }))],
            message: /ReplicationController fuse-mounter: container app adds SYS_ADMIN\./,
        },
        {
            name: "a Deployment whose mesh init container adds NET_ADMIN and NET_RAW",
            resources: [workload("Deployment", "web", compliantPodSpec({ initContainers: [caps("istio-init", { drop: ["ALL"], add: ["NET_ADMIN", "NET_RAW"] })] }))],
            message: /Deployment web: init container istio-init adds NET_ADMIN, NET_RAW\./,
        },
        {
            name: "a StatefulSet whose sidecar has no securityContext",
            resources: [workload("StatefulSet", "ledger", compliantPodSpec({ containers: [container("app"), container("backup-agent", { securityContext: undefined })] }))],
            message: /StatefulSet ledger: container backup-agent does not drop ALL capabilities \(drops none\)\./,
        },
        {
            name: "a DaemonSet whose ephemeral debug container adds SYS_PTRACE",
            resources: [workload("DaemonSet", "log-agent", compliantPodSpec({ ephemeralContainers: [ephemeralContainer("debugger", { securityContext: { capabilities: { drop: ["ALL"], add: ["SYS_PTRACE"] } } })] }))],
            message: /DaemonSet log-agent: ephemeral container debugger adds SYS_PTRACE\./,
        },
        {
            name: "a ReplicaSet adding a capability spelt with the CAP_ prefix",
            resources: [workload("ReplicaSet", "api-7d9f8", withApp({ drop: ["ALL"], add: ["CAP_SYS_ADMIN"] }))],
            message: /ReplicaSet api-7d9f8: container app adds CAP_SYS_ADMIN\./,
        },
        {
            name: "a Job whose init container drops nothing and adds CHOWN",
            resources: [workload("Job", "seed", compliantPodSpec({ initContainers: [caps("fix-permissions", { add: ["CHOWN"] })] }))],
            message: /Job seed: init container fix-permissions does not drop ALL capabilities \(drops none\)\./,
        },
        {
            name: "a CronJob adding ALL back",
            resources: [workload("CronJob", "node-maintenance", withApp({ drop: ["ALL"], add: ["ALL"] }))],
            message: /CronJob node-maintenance: container app adds ALL\./,
        },
        {
            name: "NET_RAW where the team allows only NET_BIND_SERVICE (the default)",
            resources: [workload("DaemonSet", "pinger", withApp({ drop: ["ALL"], add: ["NET_BIND_SERVICE", "NET_RAW"] }))],
            message: /DaemonSet pinger: container app adds NET_RAW\./,
        },
        {
            name: "a kube-system DaemonSet where the team's exemptions replace the default",
            resources: [workload("DaemonSet", "aws-node", withApp({ drop: ["ALL"], add: ["NET_ADMIN"] }), "kube-system")],
            config: { "restrict-capabilities": { exemptNamespaces: ["istio-system"] } },
            message: /DaemonSet aws-node: container app adds NET_ADMIN\./,
        },
    ],
    unknown: [
        { name: "the dropped capabilities not known yet", resources: [workload("Deployment", "api", withApp({ drop: unknown }))] },
        { name: "the added capabilities not known yet", resources: [workload("StatefulSet", "db", withApp({ drop: ["ALL"], add: unknown }))] },
    ],
});
