import { ruleCases, unknown } from "../../../harness/policy-cases";
import { compliantPodSpec, container, ephemeralContainer, everyKind, workload } from "./workload-fixtures";

const RUNTIME_DEFAULT = { type: "RuntimeDefault" };
const UNCONFINED = { type: "Unconfined" };
const seccomp = (name: string, seccompProfile: unknown) => container(name, { securityContext: { seccompProfile } });

export default ruleCases("require-seccomp-profile", {
    compliant: [
        { name: "the restricted pod spec in every workload kind", resources: everyKind("payments-api", compliantPodSpec()) },
        {
            name: "a Job whose init and ephemeral containers inherit the pod's profile",
            resources: [workload("Job", "migrate", compliantPodSpec({ initContainers: [container("wait-for-db")], ephemeralContainers: [ephemeralContainer("debugger")] }))],
        },
        {
            name: "a Deployment with a Localhost profile on the pod",
            resources: [workload("Deployment", "api", compliantPodSpec({ securityContext: { seccompProfile: { type: "Localhost", localhostProfile: "profiles/payments-api.json" } } }))],
        },
        {
            name: "a StatefulSet whose every container sets RuntimeDefault itself",
            resources: [workload("StatefulSet", "ledger", compliantPodSpec({
                securityContext: { seccompProfile: undefined },
                initContainers: [seccomp("init", RUNTIME_DEFAULT)],
                containers: [seccomp("app", RUNTIME_DEFAULT), seccomp("envoy", RUNTIME_DEFAULT)],
            }))],
        },
        {
            name: "a container narrowing the pod's RuntimeDefault to a Localhost profile",
            resources: [workload("ReplicaSet", "parser", compliantPodSpec({ containers: [seccomp("app", { type: "Localhost", localhostProfile: "profiles/parser.json" })] }))],
        },
        {
            name: "an unconfined agent in kube-system, exempt by default",
            resources: [workload("DaemonSet", "kube-proxy", compliantPodSpec({ securityContext: { seccompProfile: UNCONFINED } }), "kube-system")],
        },
        {
            name: "an unconfined agent where the team exempts its namespace",
            resources: [workload("DaemonSet", "falco", compliantPodSpec({ securityContext: { seccompProfile: undefined } }), "falco")],
            config: { "require-seccomp-profile": { exemptNamespaces: ["kube-system", "falco"] } },
        },
    ],
    violating: [
        {
            name: "a Pod without a seccomp profile",
            resources: [workload("Pod", "shell", compliantPodSpec({ securityContext: { seccompProfile: undefined } }))],
            message: /Pod shell: container app has seccomp profile not set \(Unconfined\)\./,
        },
        {
            name: "a PodTemplate with an Unconfined pod profile",
            resources: [workload("PodTemplate", "builder", compliantPodSpec({ securityContext: { seccompProfile: UNCONFINED } }))],
            message: /PodTemplate builder: container app has seccomp profile Unconfined\./,
        },
        {
            name: "a ReplicationController whose container overrides the pod's RuntimeDefault with Unconfined",
            resources: [workload("ReplicationController", "legacy", compliantPodSpec({ containers: [seccomp("app", UNCONFINED)] }))],
            message: /ReplicationController legacy: container app has seccomp profile Unconfined\./,
        },
        {
            name: "a Deployment without a pod profile where only the sidecar sets one",
            resources: [workload("Deployment", "web", compliantPodSpec({
                securityContext: { seccompProfile: undefined },
                containers: [container("app"), seccomp("envoy", RUNTIME_DEFAULT)],
            }))],
            message: /Deployment web: container app has seccomp profile not set \(Unconfined\)\./,
        },
        {
            name: "a StatefulSet whose init container is Unconfined",
            resources: [workload("StatefulSet", "elasticsearch", compliantPodSpec({ initContainers: [seccomp("sysctl", UNCONFINED)] }))],
            message: /StatefulSet elasticsearch: init container sysctl has seccomp profile Unconfined\./,
        },
        {
            name: "a DaemonSet whose ephemeral debug container is Unconfined",
            resources: [workload("DaemonSet", "log-agent", compliantPodSpec({ ephemeralContainers: [ephemeralContainer("debugger", { securityContext: { seccompProfile: UNCONFINED } })] }))],
            message: /DaemonSet log-agent: ephemeral container debugger has seccomp profile Unconfined\./,
        },
        {
            name: "a ReplicaSet with a seccomp profile without a type",
            resources: [workload("ReplicaSet", "api-7d9f8", compliantPodSpec({ securityContext: { seccompProfile: {} } }))],
            message: /ReplicaSet api-7d9f8: container app has seccomp profile not set \(Unconfined\)\./,
        },
        {
            name: "a Job without a pod securityContext",
            resources: [workload("Job", "seed", compliantPodSpec({ securityContext: undefined }))],
            message: /Job seed: container app has seccomp profile not set \(Unconfined\)\./,
        },
        {
            name: "a CronJob with an Unconfined pod profile",
            resources: [workload("CronJob", "report", compliantPodSpec({ securityContext: { seccompProfile: UNCONFINED } }))],
            message: /CronJob report: container app has seccomp profile Unconfined\./,
        },
        {
            name: "a kube-system DaemonSet where the team's exemptions replace the default",
            resources: [workload("DaemonSet", "kube-proxy", compliantPodSpec({ securityContext: { seccompProfile: UNCONFINED } }), "kube-system")],
            config: { "require-seccomp-profile": { exemptNamespaces: ["falco"] } },
            message: /DaemonSet kube-proxy: container app has seccomp profile Unconfined\./,
        },
    ],
    unknown: [
        { name: "the pod's profile type not known yet", resources: [workload("Deployment", "api", compliantPodSpec({ securityContext: { seccompProfile: { type: unknown } } }))] },
        { name: "a container's profile not known yet", resources: [workload("StatefulSet", "db", compliantPodSpec({ containers: [seccomp("app", unknown)] }))] },
    ],
});
