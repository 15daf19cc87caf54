import { ruleCases, unknown } from "../../../harness/policy-cases";
import { compliantPodSpec, container, everyKind, workload } from "./workload-fixtures";

const withVolumes = (...volumes: Record<string, unknown>[]) => compliantPodSpec({ volumes: [{ name: "tmp", emptyDir: {} }, ...volumes] });

export default ruleCases("restrict-volume-types", {
    compliant: [
        { name: "the restricted pod spec in every workload kind", resources: everyKind("payments-api", compliantPodSpec()) },
        {
            name: "a StatefulSet with every allowed volume type",
            resources: [workload("StatefulSet", "ledger", withVolumes(
                { name: "config", configMap: { name: "ledger-config" } },
                { name: "tls", secret: { secretName: "ledger-tls" } },
                { name: "data", persistentVolumeClaim: { claimName: "ledger-data" } },
                { name: "podinfo", downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] } },
                { name: "token", projected: { sources: [{ serviceAccountToken: { path: "token", audience: "vault", expirationSeconds: 3600 } }] } },
                { name: "secrets-store", csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: "ledger" } } },
                { name: "scratch", ephemeral: { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], storageClassName: "gp3", resources: { requests: { storage: "10Gi" } } } } } },
            ))],
        },
        {
            name: "a Job without volumes",
            resources: [workload("Job", "migrate", compliantPodSpec({ volumes: undefined, containers: [container("migrate", { volumeMounts: undefined })] }))],
        },
        {
            name: "a hostPath volume in kube-system, exempt by default",
            resources: [workload("DaemonSet", "fluent-bit", withVolumes({ name: "varlog", hostPath: { path: "/var/log" } }), "kube-system")],
        },
        {
            name: "an NFS volume where the team exempts its namespace",
            resources: [workload("Deployment", "legacy-reports", withVolumes({ name: "share", nfs: { server: "nfs.internal", path: "/exports/reports" } }), "legacy")],
            config: { "restrict-volume-types": { exemptNamespaces: ["kube-system", "legacy"] } },
        },
    ],
    violating: [
        {
            name: "a Pod with a hostPath volume",
            resources: [workload("Pod", "rootfs", withVolumes({ name: "host", hostPath: { path: "/" } }))],
            message: /Pod rootfs: volume host uses hostPath\./,
        },
        {
            name: "a PodTemplate with an NFS volume",
            resources: [workload("PodTemplate", "reports", withVolumes({ name: "share", nfs: { server: "nfs.internal", path: "/exports/reports" } }))],
            message: /PodTemplate reports: volume share uses nfs\./,
        },
        {
            name: "a ReplicationController with an EBS volume declared in the pod",
            resources: [workload("ReplicationController", "legacy-db", withVolumes({ name: "data", awsElasticBlockStore: { volumeID: "vol-0a1b2c3d4e5f60718", fsType: "ext4" } }))],
            message: /ReplicationController legacy-db: volume data uses awsElasticBlockStore\./,
        },
        {
            name: "a Deployment with an iSCSI volume among allowed ones",
            resources: [workload("Deployment", "san-client", withVolumes(
                { name: "config", configMap: { name: "san-client" } },
                { name: "lun", iscsi: { targetPortal: "10.0.0.10:3260", iqn: "iqn.2001-04.com.example:storage", lun: 0, fsType: "ext4" } },
            ))],
            message: /Deployment san-client: volume lun uses iscsi\./,
        },
        {
            name: "a StatefulSet with a CephFS volume",
            resources: [workload("StatefulSet", "media", withVolumes({ name: "media", cephfs: { monitors: ["10.0.0.21:6789"], path: "/media", user: "media" } }))],
            message: /StatefulSet media: volume media uses cephfs\./,
        },
        {
            name: "a DaemonSet mounting /var/log from the node",
            resources: [workload("DaemonSet", "fluent-bit", withVolumes({ name: "varlog", hostPath: { path: "/var/log" } }), "logging")],
            message: /DaemonSet fluent-bit: volume varlog uses hostPath\./,
        },
        {
            name: "a ReplicaSet with a gitRepo volume",
            resources: [workload("ReplicaSet", "docs-7c5b9", withVolumes({ name: "site", gitRepo: { repository: "https://git.example.com/docs.git", revision: "main" } }))],
            message: /ReplicaSet docs-7c5b9: volume site uses gitRepo\./,
        },
        {
            name: "a Job with a Fibre Channel volume",
            resources: [workload("Job", "restore", withVolumes({ name: "lun", fc: { targetWWNs: ["500a0982991b8dc5"], lun: 2, fsType: "ext4" } }))],
            message: /Job restore: volume lun uses fc\./,
        },
        {
            name: "a CronJob with a FlexVolume",
            resources: [workload("CronJob", "archive", withVolumes({ name: "archive", flexVolume: { driver: "example.com/archive", fsType: "ext4" } }))],
            message: /CronJob archive: volume archive uses flexVolume\./,
        },
        {
            name: "a kube-system DaemonSet where the team's exemptions replace the default",
            resources: [workload("DaemonSet", "fluent-bit", withVolumes({ name: "varlog", hostPath: { path: "/var/log" } }), "kube-system")],
            config: { "restrict-volume-types": { exemptNamespaces: ["legacy"] } },
            message: /DaemonSet fluent-bit: volume varlog uses hostPath\./,
        },
    ],
    unknown: [
        { name: "the volumes not known yet", resources: [workload("Deployment", "api", compliantPodSpec({ volumes: unknown }))] },
    ],
});
