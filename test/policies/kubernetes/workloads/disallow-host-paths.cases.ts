import { ruleCases, unknown } from "../../../harness/policy-cases";
import { compliantPodSpec, container, everyKind, workload } from "./workload-fixtures";

const hostPath = (name: string, path: string, type = "Directory") => ({ name, hostPath: { path, type } });
const withVolumes = (...volumes: Record<string, unknown>[]) => compliantPodSpec({ volumes: [{ name: "tmp", emptyDir: {} }, ...volumes] });

export default ruleCases("disallow-host-paths", {
    compliant: [
        { name: "the restricted pod spec in every workload kind", resources: everyKind("payments-api", compliantPodSpec()) },
        {
            name: "a StatefulSet with claim, ConfigMap, Secret and projected volumes",
            resources: [workload("StatefulSet", "ledger", withVolumes(
                { name: "data", persistentVolumeClaim: { claimName: "ledger-data" } },
                { name: "config", configMap: { name: "ledger-config" } },
                { name: "tls", secret: { secretName: "ledger-tls", defaultMode: 0o440 } },
                { name: "token", projected: { sources: [{ serviceAccountToken: { path: "token", audience: "vault", expirationSeconds: 3600 } }] } },
            ))],
        },
        {
            name: "a Job without volumes",
            resources: [workload("Job", "migrate", compliantPodSpec({ volumes: undefined, containers: [container("migrate", { volumeMounts: undefined })] }))],
        },
        {
            name: "a log collector mounting /var/log in kube-system, exempt by default",
            resources: [workload("DaemonSet", "fluent-bit", withVolumes(hostPath("varlog", "/var/log")), "kube-system")],
        },
        {
            name: "a log collector mounting /var/log where the team exempts its logging namespace",
            resources: [workload("DaemonSet", "fluent-bit", withVolumes(hostPath("varlog", "/var/log")), "logging")],
            config: { "disallow-host-paths": { exemptNamespaces: ["kube-system", "logging"] } },
        },
    ],
    violating: [
        {
            name: "a Pod mounting the node's root filesystem",
            resources: [workload("Pod", "rootfs", withVolumes(hostPath("host", "/")))],
            message: /Pod rootfs mounts \/ from the node \(volume host\)\./,
        },
        {
            name: "a PodTemplate mounting /etc",
            resources: [workload("PodTemplate", "config-reader", withVolumes(hostPath("etc", "/etc")))],
            message: /PodTemplate config-reader mounts \/etc from the node \(volume etc\)\./,
        },
        {
            name: "a ReplicationController mounting the kubelet directory",
            resources: [workload("ReplicationController", "kubelet-reader", withVolumes(hostPath("kubelet", "/var/lib/kubelet")))],
            message: /ReplicationController kubelet-reader mounts \/var\/lib\/kubelet from the node \(volume kubelet\)\./,
        },
        {
            name: "a Deployment mounting the container runtime socket",
            resources: [workload("Deployment", "ci-runner", withVolumes(hostPath("docker-sock", "/var/run/docker.sock", "Socket")))],
            message: /Deployment ci-runner mounts \/var\/run\/docker\.sock from the node \(volume docker-sock\)\./,
        },
        {
            name: "a StatefulSet keeping its data on the node",
            resources: [workload("StatefulSet", "postgres", withVolumes(hostPath("data", "/mnt/disks/postgres", "DirectoryOrCreate")))],
            message: /StatefulSet postgres mounts \/mnt\/disks\/postgres from the node \(volume data\)\./,
        },
        {
            name: "a log collector DaemonSet mounting /var/log outside an exempt namespace",
            resources: [workload("DaemonSet", "fluent-bit", withVolumes(hostPath("varlog", "/var/log")), "logging")],
            message: /DaemonSet fluent-bit mounts \/var\/log from the node \(volume varlog\)\./,
        },
        {
            name: "a ReplicaSet mounting /proc among allowed volumes",
            resources: [workload("ReplicaSet", "procfs", withVolumes({ name: "config", configMap: { name: "procfs" } }, hostPath("proc", "/proc")))],
            message: /ReplicaSet procfs mounts \/proc from the node \(volume proc\)\./,
        },
        {
            name: "a Job reading the etcd data directory",
            resources: [workload("Job", "etcd-backup", withVolumes(hostPath("etcd", "/var/lib/etcd")))],
            message: /Job etcd-backup mounts \/var\/lib\/etcd from the node \(volume etcd\)\./,
        },
        {
            name: "a CronJob writing backups to the node",
            resources: [workload("CronJob", "backup", withVolumes(hostPath("backups", "/srv/backups", "DirectoryOrCreate")))],
            message: /CronJob backup mounts \/srv\/backups from the node \(volume backups\)\./,
        },
        {
            name: "a kube-system DaemonSet where the team's exemptions replace the default",
            resources: [workload("DaemonSet", "fluent-bit", withVolumes(hostPath("varlog", "/var/log")), "kube-system")],
            config: { "disallow-host-paths": { exemptNamespaces: ["logging"] } },
            message: /DaemonSet fluent-bit mounts \/var\/log from the node/,
        },
    ],
    unknown: [
        { name: "the volumes not known yet", resources: [workload("Deployment", "api", compliantPodSpec({ volumes: unknown }))] },
        { name: "a volume whose source is not known yet", resources: [workload("StatefulSet", "db", withVolumes({ name: "data", hostPath: unknown }))] },
    ],
});
