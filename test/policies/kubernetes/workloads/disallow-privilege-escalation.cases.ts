import { ruleCases, unknown } from "../../../harness/policy-cases";
import { compliantPodSpec, container, ephemeralContainer, everyKind, workload } from "./workload-fixtures";

const escalating = (name: string, allowPrivilegeEscalation: unknown) => container(name, { securityContext: { allowPrivilegeEscalation } });
const withApp = (allowPrivilegeEscalation: unknown) => compliantPodSpec({ containers: [escalating("app", allowPrivilegeEscalation)] });

export default ruleCases("disallow-privilege-escalation", {
    compliant: [
        { name: "the restricted pod spec in every workload kind", resources: everyKind("payments-api", compliantPodSpec()) },
        {
            name: "a Job whose init and ephemeral containers also set allowPrivilegeEscalation false",
            resources: [workload("Job", "migrate", compliantPodSpec({ initContainers: [container("wait-for-db")], ephemeralContainers: [ephemeralContainer("debugger")] }))],
        },
        {
            name: "a Deployment with an app container and a sidecar, both without escalation",
            resources: [workload("Deployment", "web", compliantPodSpec({ containers: [container("app"), container("envoy")] }))],
        },
        {
            name: "a CNI agent that may escalate in kube-system, exempt by default",
            resources: [workload("DaemonSet", "aws-node", withApp(true), "kube-system")],
        },
        {
            name: "an agent that may escalate where the team exempts its namespace",
            resources: [workload("DaemonSet", "falco", withApp(true), "falco")],
            config: { "disallow-privilege-escalation": { exemptNamespaces: ["kube-system", "falco"] } },
        },
    ],
    violating: [
        {
            name: "a Pod whose container leaves allowPrivilegeEscalation unset",
            resources: [workload("Pod", "shell", withApp(undefined))],
            message: /Pod shell: container app has allowPrivilegeEscalation not set \(true\)\./,
        },
        {
            name: "a PodTemplate allowing privilege escalation",
            resources: [workload("PodTemplate", "builder", withApp(true))],
            message: /PodTemplate builder: container app has allowPrivilegeEscalation true\./,
        },
        {
            name: "a ReplicationController whose container has no securityContext",
            resources: [workload("ReplicationController", "legacy", compliantPodSpec({ containers: [container("app", { securityContext: undefined })] }))],
            message: /ReplicationController legacy: container app has allowPrivilegeEscalation not set \(true\)\./,
        },
        {
            name: "a Deployment whose sidecar allows escalation next to a compliant app container",
            resources: [workload("Deployment", "web", compliantPodSpec({ containers: [container("app"), escalating("log-shipper", true)] }))],
            message: /Deployment web: container log-shipper has allowPrivilegeEscalation true\./,
        },
        {
            name: "a StatefulSet whose init container leaves allowPrivilegeEscalation unset",
            resources: [workload("StatefulSet", "elasticsearch", compliantPodSpec({ initContainers: [escalating("fix-permissions", undefined)] }))],
            message: /StatefulSet elasticsearch: init container fix-permissions has allowPrivilegeEscalation not set \(true\)\./,
        },
        {
            name: "a DaemonSet whose ephemeral debug container may escalate",
            resources: [workload("DaemonSet", "log-agent", compliantPodSpec({ ephemeralContainers: [ephemeralContainer("debugger", { securityContext: { allowPrivilegeEscalation: true } })] }))],
            message: /DaemonSet log-agent: ephemeral container debugger has allowPrivilegeEscalation true\./,
        },
        {
            name: "a ReplicaSet with a privileged container allowing escalation",
            resources: [workload("ReplicaSet", "dind", compliantPodSpec({ containers: [container("docker", { securityContext: { privileged: true, allowPrivilegeEscalation: true, capabilities: undefined } })] }))],
            message: /ReplicaSet dind: container docker has allowPrivilegeEscalation true\./,
        },
        {
            name: "a Job whose init container allows escalation",
            resources: [workload("Job", "seed", compliantPodSpec({ initContainers: [escalating("setup", true)] }))],
            message: /Job seed: init container setup has allowPrivilegeEscalation true\./,
        },
        {
            name: "a CronJob whose container leaves allowPrivilegeEscalation unset",
            resources: [workload("CronJob", "report", withApp(undefined))],
            message: /CronJob report: container app has allowPrivilegeEscalation not set \(true\)\./,
        },
        {
            name: "a kube-system DaemonSet where the team's exemptions replace the default",
            resources: [workload("DaemonSet", "aws-node", withApp(true), "kube-system")],
            config: { "disallow-privilege-escalation": { exemptNamespaces: ["falco"] } },
            message: /DaemonSet aws-node: container app has allowPrivilegeEscalation true\./,
        },
    ],
    unknown: [
        { name: "allowPrivilegeEscalation not known yet", resources: [workload("Deployment", "api", withApp(unknown))] },
        { name: "a container securityContext not known yet", resources: [workload("Job", "seed", compliantPodSpec({ initContainers: [container("setup", { securityContext: unknown })] }))] },
    ],
});
