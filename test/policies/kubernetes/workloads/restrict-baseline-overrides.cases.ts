import { ruleCases, unknown } from "../../../harness/policy-cases";
import { compliantPodSpec, container, ephemeralContainer, everyKind, workload } from "./workload-fixtures";

const UNCONFINED = { type: "Unconfined" };
const withApp = (securityContext: Record<string, unknown>) => compliantPodSpec({ containers: [container("app", { securityContext })] });

export default ruleCases("restrict-baseline-overrides", {
    compliant: [
        {
            name: "the TCP buffer sysctls the baseline allows since Kubernetes 1.32, and an empty SELinux type",
            resources: [workload("Deployment", "tuned", compliantPodSpec({ securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" }, sysctls: [{ name: "net.ipv4.tcp_rmem", value: "4096 87380 6291456" }, { name: "net.ipv4.tcp_wmem", value: "4096 16384 4194304" }], seLinuxOptions: { type: "", level: "s0:c123,c456" } } }))],
        },
        { name: "the restricted pod spec in every workload kind", resources: everyKind("payments-api", compliantPodSpec()) },
        {
            name: "a Deployment setting only safe sysctls",
            resources: [workload("Deployment", "gateway", compliantPodSpec({ securityContext: { sysctls: [
                { name: "net.ipv4.ip_unprivileged_port_start", value: "0" },
                { name: "net.ipv4.tcp_keepalive_time", value: "600" },
                { name: "net.ipv4.ip_local_port_range", value: "1024 65000" },
            ] } }))],
        },
        {
            name: "a StatefulSet with AppArmor RuntimeDefault on the pod and Localhost on a container",
            resources: [workload("StatefulSet", "ledger", compliantPodSpec({
                securityContext: { appArmorProfile: { type: "RuntimeDefault" } },
                containers: [container("app", { securityContext: { appArmorProfile: { type: "Localhost", localhostProfile: "k8s-ledger" } } })],
            }))],
        },
        {
            name: "a Job with an SELinux level and an allowed SELinux type",
            resources: [workload("Job", "migrate", compliantPodSpec({
                securityContext: { seLinuxOptions: { level: "s0:c123,c456" } },
                initContainers: [container("wait-for-db", { securityContext: { seLinuxOptions: { type: "container_init_t" } } })],
                containers: [container("app", { securityContext: { seLinuxOptions: { type: "container_t", level: "s0:c123,c456" } } })],
            }))],
        },
        {
            name: "a CronJob whose containers and ephemeral container mount /proc Default",
            resources: [workload("CronJob", "report", compliantPodSpec({
                containers: [container("app", { securityContext: { procMount: "Default" } })],
                ephemeralContainers: [ephemeralContainer("debugger", { securityContext: { procMount: "Default" } })],
            }))],
        },
        {
            name: "an unconfined agent in kube-system, exempt by default",
            resources: [workload("DaemonSet", "node-problem-detector", compliantPodSpec({ securityContext: { appArmorProfile: UNCONFINED, seLinuxOptions: { type: "spc_t" } } }), "kube-system")],
        },
        {
            name: "an unsafe sysctl where the team exempts its namespace",
            resources: [workload("StatefulSet", "elasticsearch", compliantPodSpec({ securityContext: { sysctls: [{ name: "vm.max_map_count", value: "262144" }] } }), "search")],
            config: { "restrict-baseline-overrides": { exemptNamespaces: ["kube-system", "search"] } },
        },
    ],
    violating: [
        {
            name: "a Deployment turning AppArmor off through the pod template's annotation",
            resources: [{
                ...workload("Deployment", "legacy-annotated", compliantPodSpec()),
                props: (() => {
                    const props = workload("Deployment", "legacy-annotated", compliantPodSpec()).props as Record<string, any>;
                    return { ...props, spec: { ...props.spec, template: { ...props.spec.template, metadata: { ...props.spec.template.metadata, annotations: { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" } } } } };
                })(),
            }],
            message: /Deployment legacy-annotated: container app runs without AppArmor \(unconfined annotation\)/,
        },
        {
            name: "a Pod setting a sysctl outside the safe set",
            resources: [workload("Pod", "tuned", compliantPodSpec({ securityContext: { sysctls: [{ name: "net.core.somaxconn", value: "4096" }] } }))],
            message: /Pod tuned sets sysctl net\.core\.somaxconn, outside the safe set\./,
        },
        {
            name: "a PodTemplate running its pod without AppArmor",
            resources: [workload("PodTemplate", "builder", compliantPodSpec({ securityContext: { appArmorProfile: UNCONFINED } }))],
            message: /PodTemplate builder runs its pod without AppArmor \(Unconfined\)\./,
        },
        {
            name: "a ReplicationController choosing the super-privileged SELinux type",
            resources: [workload("ReplicationController", "legacy", compliantPodSpec({ securityContext: { seLinuxOptions: { type: "spc_t" } } }))],
            message: /ReplicationController legacy chooses SELinux type spc_t\./,
        },
        {
            name: "a Deployment whose container unmasks /proc",
            resources: [workload("Deployment", "sandbox", withApp({ procMount: "Unmasked" }))],
            message: /Deployment sandbox: container app mounts \/proc Unmasked\./,
        },
        {
            name: "a StatefulSet choosing a custom SELinux user and role",
            resources: [workload("StatefulSet", "postgres", compliantPodSpec({ securityContext: { seLinuxOptions: { user: "system_u", role: "system_r" } } }))],
            message: /StatefulSet postgres chooses a custom SELinux user or role\./,
        },
        {
            name: "a DaemonSet whose container overrides the pod's AppArmor RuntimeDefault with Unconfined",
            resources: [workload("DaemonSet", "log-agent", compliantPodSpec({
                securityContext: { appArmorProfile: { type: "RuntimeDefault" } },
                containers: [container("app", { securityContext: { appArmorProfile: UNCONFINED } })],
            }))],
            message: /DaemonSet log-agent: container app runs without AppArmor \(Unconfined\)\./,
        },
        {
            name: "a ReplicaSet whose init container chooses an unconfined SELinux type",
            resources: [workload("ReplicaSet", "api-7d9f8", compliantPodSpec({ initContainers: [container("setup", { securityContext: { seLinuxOptions: { type: "unconfined_t" } } })] }))],
            message: /ReplicaSet api-7d9f8: init container setup chooses SELinux type unconfined_t\./,
        },
        {
            name: "a Job whose ephemeral debug container runs without AppArmor",
            resources: [workload("Job", "seed", compliantPodSpec({ ephemeralContainers: [ephemeralContainer("debugger", { securityContext: { appArmorProfile: UNCONFINED } })] }))],
            message: /Job seed: ephemeral container debugger runs without AppArmor \(Unconfined\)\./,
        },
        {
            name: "a CronJob setting a node-wide sysctl next to a safe one",
            resources: [workload("CronJob", "reindex", compliantPodSpec({ securityContext: { sysctls: [
                { name: "net.ipv4.tcp_syncookies", value: "1" },
                { name: "vm.max_map_count", value: "262144" },
            ] } }))],
            message: /CronJob reindex sets sysctl vm\.max_map_count, outside the safe set\./,
        },
        {
            name: "a container choosing a custom SELinux role",
            resources: [workload("Deployment", "api", withApp({ seLinuxOptions: { role: "sysadm_r" } }))],
            message: /Deployment api: container app chooses a custom SELinux user or role\./,
        },
        {
            name: "a kube-system DaemonSet where the team's exemptions replace the default",
            resources: [workload("DaemonSet", "node-problem-detector", compliantPodSpec({ securityContext: { appArmorProfile: UNCONFINED } }), "kube-system")],
            config: { "restrict-baseline-overrides": { exemptNamespaces: ["search"] } },
            message: /DaemonSet node-problem-detector runs its pod without AppArmor \(Unconfined\)\./,
        },
    ],
    unknown: [
        { name: "the pod's sysctls not known yet", resources: [workload("StatefulSet", "elasticsearch", compliantPodSpec({ securityContext: { sysctls: unknown } }))] },
        { name: "a container's procMount not known yet", resources: [workload("Deployment", "sandbox", withApp({ procMount: unknown }))] },
    ],
});
