import { ruleCases, unknown } from "../../../harness/policy-cases";
import { asPatch, compliantPodSpec, container, ephemeralContainer, everyKind, workload } from "./workload-fixtures";

/** A container running privileged, the way agents and build tools declare it. */
const privileged = (name: string, overrides: Record<string, unknown> = {}) =>
    container(name, { securityContext: { privileged: true, allowPrivilegeEscalation: true, capabilities: undefined, readOnlyRootFilesystem: false }, ...overrides });
const withApp = (securityContext: Record<string, unknown>) => compliantPodSpec({ containers: [container("app", { securityContext })] });

export default ruleCases("disallow-privileged-containers", {
    compliant: [
        { name: "a compliant DeploymentPatch", resources: [asPatch(workload("Deployment", "api", compliantPodSpec()))] },
        {
            name: "a compliant Deployment whose name is not known yet (the name is read only to report)",
            resources: [{ ...workload("Deployment", "later", compliantPodSpec()), props: { ...workload("Deployment", "later", compliantPodSpec()).props, metadata: { name: unknown, namespace: "apps" } } }],
        },
        { name: "the restricted pod spec in every workload kind", resources: everyKind("payments-api", compliantPodSpec()) },
        { name: "a Deployment setting privileged: false", resources: [workload("Deployment", "api", withApp({ privileged: false }))] },
        {
            name: "a Job whose init and ephemeral containers are not privileged",
            resources: [workload("Job", "migrate", compliantPodSpec({ initContainers: [container("wait-for-db", { securityContext: { privileged: false } })], ephemeralContainers: [ephemeralContainer("debugger")] }))],
        },
        {
            name: "a privileged CNI agent in kube-system, exempt by default",
            resources: [workload("DaemonSet", "calico-node", compliantPodSpec({ hostNetwork: true, containers: [privileged("calico-node")] }), "kube-system")],
        },
        {
            name: "a privileged storage driver where the team exempts its namespace",
            resources: [workload("DaemonSet", "ebs-csi-node", compliantPodSpec({ containers: [privileged("ebs-plugin")] }), "storage-system")],
            config: { "disallow-privileged-containers": { exemptNamespaces: ["kube-system", "storage-system"] } },
        },
    ],
    violating: [
        {
            name: "a DeploymentPatch making a live Deployment privileged",
            resources: [asPatch(workload("Deployment", "api", withApp({ privileged: true })))],
            message: /DeploymentPatch api: container app is privileged/,
        },
        {
            name: "a Windows HostProcess pod",
            resources: [workload("Deployment", "win-agent", compliantPodSpec({ securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" }, windowsOptions: { hostProcess: true, runAsUserName: "NT AUTHORITY\\SYSTEM" } } }))],
            message: /Deployment win-agent runs as a Windows HostProcess pod/,
        },
        {
            name: "a Windows HostProcess container",
            resources: [workload("DaemonSet", "win-exporter", withApp({ windowsOptions: { hostProcess: true } }))],
            message: /DaemonSet win-exporter: container app runs as a Windows HostProcess container/,
        },
        {
            name: "a privileged Pod",
            resources: [workload("Pod", "node-shell", compliantPodSpec({ containers: [privileged("shell")] }))],
            message: /Pod node-shell: container shell is privileged \(full access to the node\)\./,
        },
        {
            name: "a PodTemplate with a privileged container",
            resources: [workload("PodTemplate", "builder", compliantPodSpec({ containers: [privileged("buildkit")] }))],
            message: /PodTemplate builder: container buildkit is privileged \(full access to the node\)\./,
        },
        {
            name: "a ReplicationController with a privileged container otherwise restricted",
            resources: [workload("ReplicationController", "legacy", withApp({ privileged: true }))],
            message: /ReplicationController legacy: container app is privileged/,
        },
        {
            name: "a Deployment running Docker-in-Docker as a sidecar",
            resources: [workload("Deployment", "ci-runner", compliantPodSpec({ containers: [container("runner"), privileged("dind")] }))],
            message: /Deployment ci-runner: container dind is privileged/,
        },
        {
            name: "a StatefulSet whose init container tunes the kernel privileged",
            resources: [workload("StatefulSet", "elasticsearch", compliantPodSpec({ initContainers: [privileged("sysctl")] }))],
            message: /StatefulSet elasticsearch: init container sysctl is privileged/,
        },
        {
            name: "a privileged CNI agent DaemonSet outside an exempt namespace",
            resources: [workload("DaemonSet", "calico-node", compliantPodSpec({ hostNetwork: true, containers: [privileged("calico-node")] }), "calico-system")],
            message: /DaemonSet calico-node: container calico-node is privileged/,
        },
        {
            name: "a ReplicaSet with a privileged ephemeral debug container",
            resources: [workload("ReplicaSet", "api-7d9f8", compliantPodSpec({ ephemeralContainers: [ephemeralContainer("debugger", { securityContext: { privileged: true } })] }))],
            message: /ReplicaSet api-7d9f8: ephemeral container debugger is privileged/,
        },
        {
            name: "a Job with a privileged container",
            resources: [workload("Job", "disk-wipe", compliantPodSpec({ containers: [privileged("wipe")] }))],
            message: /Job disk-wipe: container wipe is privileged/,
        },
        {
            name: "a CronJob whose init container is privileged",
            resources: [workload("CronJob", "node-maintenance", compliantPodSpec({ initContainers: [privileged("prepare")] }))],
            message: /CronJob node-maintenance: init container prepare is privileged/,
        },
        {
            name: "a kube-system DaemonSet where the team's exemptions replace the default",
            resources: [workload("DaemonSet", "calico-node", compliantPodSpec({ containers: [privileged("calico-node")] }), "kube-system")],
            config: { "disallow-privileged-containers": { exemptNamespaces: ["storage-system"] } },
            message: /DaemonSet calico-node: container calico-node is privileged/,
        },
    ],
    unknown: [
        { name: "privileged not known yet", resources: [workload("Deployment", "api", withApp({ privileged: unknown }))] },
        { name: "an init container securityContext not known yet", resources: [workload("StatefulSet", "db", compliantPodSpec({ initContainers: [container("init", { securityContext: unknown })] }))] },
    ],
});
