import { ruleCases, unknown } from "../../../harness/policy-cases";
import { compliantPodSpec, container, ephemeralContainer, everyKind, workload } from "./workload-fixtures";

/** The pod's runAsNonRoot and runAsUser removed: each container decides. */
const NO_POD_USER = { runAsNonRoot: undefined, runAsUser: undefined };

export default ruleCases("require-run-as-non-root", {
    compliant: [
        { name: "the restricted pod spec in every workload kind", resources: everyKind("payments-api", compliantPodSpec()) },
        {
            name: "a Job whose init and ephemeral containers inherit the pod's non-root user",
            resources: [workload("Job", "migrate", compliantPodSpec({ initContainers: [container("wait-for-db")], ephemeralContainers: [ephemeralContainer("debugger")] }))],
        },
        {
            name: "a ReplicationController whose every container sets runAsNonRoot itself",
            resources: [workload("ReplicationController", "worker", compliantPodSpec({
                securityContext: NO_POD_USER,
                initContainers: [container("setup", { securityContext: { runAsNonRoot: true, runAsUser: 1000 } })],
                containers: [container("app", { securityContext: { runAsNonRoot: true, runAsUser: 10001 } })],
            }))],
        },
        {
            name: "a Deployment with runAsNonRoot and the image's own non-root user",
            resources: [workload("Deployment", "api", compliantPodSpec({ securityContext: { runAsUser: undefined } }))],
        },
        {
            name: "a container choosing another non-root user than the pod",
            resources: [workload("StatefulSet", "ledger", compliantPodSpec({ containers: [container("app", { securityContext: { runAsUser: 70 } })] }))],
        },
        {
            name: "a root agent in kube-system, exempt by default",
            resources: [workload("DaemonSet", "kube-proxy", compliantPodSpec({ securityContext: { runAsNonRoot: false, runAsUser: 0 } }), "kube-system")],
        },
        {
            name: "a root agent where the team exempts its namespace",
            resources: [workload("DaemonSet", "node-agent", compliantPodSpec({ securityContext: { runAsNonRoot: false, runAsUser: 0 } }), "monitoring")],
            config: { "require-run-as-non-root": { exemptNamespaces: ["kube-system", "monitoring"] } },
        },
    ],
    violating: [
        {
            name: "a Pod without runAsNonRoot",
            resources: [workload("Pod", "shell", compliantPodSpec({ securityContext: NO_POD_USER }))],
            message: /Pod shell: container app does not set runAsNonRoot: true\./,
        },
        {
            name: "a PodTemplate setting runAsNonRoot false on the pod",
            resources: [workload("PodTemplate", "builder", compliantPodSpec({ securityContext: { runAsNonRoot: false } }))],
            message: /PodTemplate builder: container app does not set runAsNonRoot: true\./,
        },
        {
            name: "a ReplicationController running its pod as user 0",
            resources: [workload("ReplicationController", "legacy", compliantPodSpec({ securityContext: { runAsUser: 0 } }))],
            message: /ReplicationController legacy: container app runs as user 0 \(root\)\./,
        },
        {
            name: "a Deployment whose container overrides the pod's runAsNonRoot with false",
            resources: [workload("Deployment", "api", compliantPodSpec({ containers: [container("app", { securityContext: { runAsNonRoot: false } })] }))],
            message: /Deployment api: container app does not set runAsNonRoot: true\./,
        },
        {
            name: "a StatefulSet whose init container runs as root to fix volume ownership",
            resources: [workload("StatefulSet", "elasticsearch", compliantPodSpec({ initContainers: [container("fix-permissions", { securityContext: { runAsNonRoot: false, runAsUser: 0 } })] }))],
            message: /StatefulSet elasticsearch: init container fix-permissions runs as user 0 \(root\)\./,
        },
        {
            name: "a DaemonSet whose ephemeral debug container runs as root",
            resources: [workload("DaemonSet", "log-agent", compliantPodSpec({ ephemeralContainers: [ephemeralContainer("debugger", { securityContext: { runAsNonRoot: false, runAsUser: 0 } })] }))],
            message: /DaemonSet log-agent: ephemeral container debugger does not set runAsNonRoot: true\./,
        },
        {
            name: "a ReplicaSet where only one of two containers sets runAsNonRoot",
            resources: [workload("ReplicaSet", "api-7d9f8", compliantPodSpec({
                securityContext: NO_POD_USER,
                containers: [container("app", { securityContext: { runAsNonRoot: true, runAsUser: 10001 } }), container("envoy")],
            }))],
            message: /ReplicaSet api-7d9f8: container envoy does not set runAsNonRoot: true\./,
        },
        {
            name: "a Job without a pod securityContext",
            resources: [workload("Job", "seed", compliantPodSpec({ securityContext: undefined }))],
            message: /Job seed: container app does not set runAsNonRoot: true\./,
        },
        {
            name: "a CronJob whose container overrides the pod's user with root",
            resources: [workload("CronJob", "backup", compliantPodSpec({ containers: [container("app", { securityContext: { runAsUser: 0 } })] }))],
            message: /CronJob backup: container app runs as user 0 \(root\)\./,
        },
        {
            name: "a kube-system DaemonSet where the team's exemptions replace the default",
            resources: [workload("DaemonSet", "kube-proxy", compliantPodSpec({ securityContext: { runAsNonRoot: false } }), "kube-system")],
            config: { "require-run-as-non-root": { exemptNamespaces: ["monitoring"] } },
            message: /DaemonSet kube-proxy: container app does not set runAsNonRoot: true\./,
        },
    ],
    unknown: [
        { name: "the pod's runAsNonRoot not known yet", resources: [workload("Deployment", "api", compliantPodSpec({ securityContext: { runAsNonRoot: unknown } }))] },
        { name: "a container's user not known yet", resources: [workload("StatefulSet", "db", compliantPodSpec({ containers: [container("app", { securityContext: { runAsUser: unknown } })] }))] },
    ],
});
