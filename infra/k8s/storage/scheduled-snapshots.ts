/**
 * Scheduled CSI snapshots of the database's volumes, where no cloud backup service takes them (on-prem):
 * the snapscheduler operator (its Helm chart, pinned, in its own PSS-restricted namespace, watching the
 * cluster's SnapshotSchedules) and one `SnapshotSchedule` in the data namespace that snapshots every
 * claim carrying the database's labels, with the VolumeSnapshotClass the stack names, and expires them
 * after the backup retention. Runs on any cluster with a CSI driver that takes snapshots and the
 * snapshot controller installed.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { SNAPSCHEDULER } from "../../versions";
import { tcp } from "../network-policies";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../pod-security";
import { ContainerResources, quotaFor, resourceValues, withRollingSurge } from "../resources";
import { ImagePullSecret, NamespaceQuota, SecureNamespace } from "../secure-namespace";
import { chartFrom, imageFrom, pullSecrets, SourceSettings } from "../sources";

export const SNAPSCHEDULER_NAMESPACE = "snapscheduler";
export const SNAPSHOT_SCHEDULE_NAME = "mongodb-volumes";
/** The uid the snapscheduler image runs as (any non-root uid works; the image needs no files of its own user). */
export const SNAPSCHEDULER_UID = 65532;

export interface SnapshotScheduleSettings {
    /** The VolumeSnapshotClass snapshots are taken with. */
    readonly snapshotClassName: string;
    /** Five-field cron expression (UTC). */
    readonly schedule: string;
    /** Days each snapshot is kept. */
    readonly retentionDays: number;
}

export interface ScheduledSnapshotsArgs {
    readonly kubernetesVersion: string;
    /** Namespace of the claims to snapshot. */
    readonly namespace: string;
    /** Labels every claim to snapshot carries. */
    readonly claimLabels: Readonly<Record<string, string>>;
    readonly settings: SnapshotScheduleSettings;
    readonly sources?: SourceSettings;
    readonly imagePullSecret?: ImagePullSecret;
}

/** The controller and its metrics proxy (the chart requests 10m and 100Mi for each and sets no limit). */
export const SNAPSCHEDULER_RESOURCES: ContainerResources = { requests: { cpu: "10m", memory: "100Mi" }, limits: { cpu: "200m", memory: "256Mi" } };
export const RBAC_PROXY_RESOURCES: ContainerResources = { requests: { cpu: "10m", memory: "100Mi" }, limits: { cpu: "100m", memory: "128Mi" } };

/** The namespace's quota: the controller's pod, and one more while a rollout replaces it; no volumes. */
export function snapschedulerQuota(): NamespaceQuota {
    return quotaFor([{ pods: withRollingSurge(1), containers: [SNAPSCHEDULER_RESOURCES, RBAC_PROXY_RESOURCES] }], { storage: "0" });
}

/**
 * snapscheduler's chart values: one replica, both images (the controller and its metrics proxy) pinned
 * in full (upstream or mirror), PSS-restricted contexts (the chart leaves out the seccomp profile).
 */
export function snapschedulerValues(sources: SourceSettings = {}): Record<string, unknown> {
    return {
        replicaCount: 1,
        image: { image: imageFrom(SNAPSCHEDULER.image, sources) },
        resources: resourceValues(SNAPSCHEDULER_RESOURCES),
        rbacProxy: { image: { image: imageFrom(SNAPSCHEDULER.rbacProxyImage, sources) }, resources: resourceValues(RBAC_PROXY_RESOURCES) },
        imagePullSecrets: pullSecrets(sources),
        podSecurityContext: { ...RESTRICTED_POD_SECURITY_CONTEXT, runAsUser: SNAPSCHEDULER_UID, runAsGroup: SNAPSCHEDULER_UID },
        securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, runAsUser: SNAPSCHEDULER_UID, runAsGroup: SNAPSCHEDULER_UID },
    };
}

/** The `SnapshotSchedule` spec: every claim with `claimLabels`, on `schedule`, expired after the retention. */
export function snapshotScheduleSpec(settings: SnapshotScheduleSettings, claimLabels: Readonly<Record<string, string>>): Record<string, unknown> {
    return {
        claimSelector: { matchLabels: { ...claimLabels } },
        disabled: false,
        schedule: settings.schedule,
        retention: { expires: `${settings.retentionDays * 24}h` },
        snapshotTemplate: {
            snapshotClassName: settings.snapshotClassName,
            labels: { ...claimLabels },
        },
    };
}

export class ScheduledSnapshots extends pulumi.ComponentResource {
    readonly schedule: k8s.apiextensions.CustomResource;

    constructor(name: string, args: ScheduledSnapshotsArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("secure-platform:k8s:ScheduledSnapshots", name, {}, opts);
        const sources = args.sources ?? {};
        const namespace = new SecureNamespace(SNAPSCHEDULER_NAMESPACE, {
            name: SNAPSCHEDULER_NAMESPACE,
            kubernetesVersion: args.kubernetesVersion,
            quota: snapschedulerQuota(),
            // A controller of the API server only: no sidecar, no traffic but to the API.
            mesh: false,
            allows: [{ name: "kube-api", direction: "Egress", ports: tcp(443, 6443) }],
            ...(args.imagePullSecret ? { imagePullSecret: args.imagePullSecret } : {}),
        }, { parent: this });
        const operator = new k8s.helm.v3.Release(`${name}-operator`, {
            name: "snapscheduler",
            ...chartFrom(SNAPSCHEDULER.chart, SNAPSCHEDULER.repository, sources),
            version: SNAPSCHEDULER.chartVersion,
            namespace: SNAPSCHEDULER_NAMESPACE,
            values: snapschedulerValues(sources),
            atomic: true,
            cleanupOnFail: true,
            maxHistory: 10,
            timeout: 600,
        }, { parent: this, dependsOn: [namespace] });
        this.schedule = new k8s.apiextensions.CustomResource(`${name}-schedule`, {
            apiVersion: "snapscheduler.backube/v1",
            kind: "SnapshotSchedule",
            metadata: { name: SNAPSHOT_SCHEDULE_NAME, namespace: args.namespace },
            spec: snapshotScheduleSpec(args.settings, args.claimLabels),
        }, { parent: this, dependsOn: [operator] });
        this.registerOutputs({});
    }
}
