/**
 * The on-prem variant: the same in-cluster platform as on EKS (mesh, namespaces, tenants, keystore,
 * PKI, MongoDB) deployed into an existing cluster through an explicit kubeconfig, with the cluster's own
 * encrypting StorageClass, scheduled CSI snapshots instead of AWS Backup, the ingress gateway exposed as
 * a LoadBalancer or NodePort Service, and every image and chart from a mirror when one is configured.
 * Creates no AWS resource and needs no AWS credentials.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { OnPremPlatformConfig } from "../config";
import { DATA_NAMESPACE, KubernetesPlatform } from "../k8s/kubernetes-platform";
import type { CniNodeSettings } from "../k8s/mesh/istio-mesh";
import { backupStoreTarget } from "../k8s/mongodb/backup-store";
import type { MongoDbPlacement } from "../k8s/mongodb/percona-mongodb";
import { platformProviderSettings } from "../k8s/provider-settings";
import type { SourceSettings } from "../k8s/sources";
import { Keystore } from "../secrets/keystore";
import type { DataNodeSettings, Distribution, RegistryCredentials, SelinuxMode } from "../settings/onprem";

/** Name of the image pull Secret created in every namespace when the mirror needs credentials. */
export const PULL_SECRET_NAME = "registry-mirror";

/** The `.dockerconfigjson` document for a registry (its host, without a path) and credentials. */
export function dockerConfigJson(registryMirror: string, credentials: RegistryCredentials): string {
    const host = registryMirror.split("/")[0];
    const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64");
    return JSON.stringify({ auths: { [host]: { username: credentials.username, password: credentials.password, auth } } });
}

/** The on-prem `clusterIdentifier`: the setting, or the project and stack, which stay the same for the stack's life. */
export function onPremClusterIdentifier(config: Pick<OnPremPlatformConfig, "project" | "stack" | "onprem">): string {
    return config.onprem.clusterIdentifier ?? `${config.project}-${config.stack}`;
}

/**
 * The Kubernetes provider of the stack's cluster: an explicit kubeconfig and context, never the ambient one,
 * identified by `clusterIdentifier`, so a rotated server URL, CA or credential in the kubeconfig updates the
 * provider instead of replacing every resource.
 */
export function onPremKubernetesProvider(name: string, settings: OnPremPlatformConfig["onprem"], clusterIdentifier: string): k8s.Provider {
    return new k8s.Provider(name, {
        kubeconfig: "contents" in settings.kubeconfig ? pulumi.secret(settings.kubeconfig.contents) : settings.kubeconfig.path,
        ...(settings.kubeContext ? { context: settings.kubeContext } : {}),
        // Resources the cluster can no longer be reached for stay in the state (nothing is forgotten silently).
        deleteUnreachable: false,
        ...platformProviderSettings(clusterIdentifier),
    });
}

/**
 * Where the Istio CNI agent installs its plugin on this distribution, and its SELinux type.
 * - kubeadm and RKE2: the chart's defaults, /etc/cni/net.d and /opt/cni/bin, which containerd uses when its
 *   configuration names no other (RKE2 writes none; Rancher's "Install Istio on RKE2" sets exactly these).
 * - k3s: Istio's `k3s` platform profile, /var/lib/rancher/k3s/agent/etc/cni/net.d and /var/lib/rancher/k3s/data/cni
 *   (cni@1.29.0 files/profile-platform-k3s.yaml), where k3s keeps its CNI configuration and, since its October 2024
 *   releases, a plugin directory that survives k3s upgrades (k3s-io/k3s#10868; before, data/current/bin).
 * - SELinux enforcing or permissive: `spc_t` (see CniNodeSettings.seLinuxType); a permissive node can be switched to
 *   enforcing without a redeploy.
 */
export function cniNodeSettings(distribution: Distribution, selinux: SelinuxMode): CniNodeSettings {
    return {
        ...(distribution === "k3s" ? { platform: "k3s" as const } : {}),
        ...(selinux === "disabled" ? {} : { seLinuxType: "spc_t" as const }),
    };
}

/** MongoDB's placement on the data nodes: their labels, and a toleration of their taint. */
export function dataNodePlacement(dataNodes: DataNodeSettings): MongoDbPlacement {
    const { taint } = dataNodes;
    return {
        nodeSelector: { ...dataNodes.nodeSelector },
        ...(taint
            ? { tolerations: [taint.value === undefined ? { key: taint.key, operator: "Exists", effect: taint.effect } : { key: taint.key, operator: "Equal", value: taint.value, effect: taint.effect }] }
            : {}),
    };
}

export function deployOnPremPlatform(config: OnPremPlatformConfig) {
    const isProd = config.environment === "prod";
    const { onprem } = config;
    const provider = onPremKubernetesProvider("onprem", onprem, onPremClusterIdentifier(config));
    const keystore = new Keystore("keystore", { generations: config.data.keystore });

    const sources: SourceSettings = {
        ...(onprem.registryMirror ? { registryMirror: onprem.registryMirror } : {}),
        ...(config.mesh.chartRepository ? { chartRepository: config.mesh.chartRepository } : {}),
        ...(onprem.registryCredentials ? { pullSecretName: PULL_SECRET_NAME } : {}),
    };
    const pullSecret = onprem.registryMirror && onprem.registryCredentials
        ? pulumi.secret(dockerConfigJson(onprem.registryMirror, onprem.registryCredentials))
        : undefined;

    const platform = new KubernetesPlatform("kubernetes", {
        config,
        kubernetesVersion: onprem.kubernetesVersion,
        ...(config.domainName ? { domainName: config.domainName } : {}),
        provider,
        gateway: {
            type: onprem.gateway.serviceType,
            loadBalancerSourceRanges: onprem.gateway.loadBalancerSourceRanges,
            // The gateway's pods admit the same sources as its Service (the source is kept: externalTrafficPolicy Local).
            sourceRanges: onprem.gateway.serviceType === "LoadBalancer" ? onprem.gateway.loadBalancerSourceRanges : onprem.gateway.nodePortSourceRanges,
        },
        maxNodes: onprem.maxNodes,
        cniNode: cniNodeSettings(onprem.distribution, onprem.selinux),
        ...(onprem.dataNodes || config.data.backup.store
            ? {
                mongodb: {
                    ...(onprem.dataNodes ? { placement: dataNodePlacement(onprem.dataNodes) } : {}),
                    // Off-cluster logical backups and PITR oplog slices (README, "Restoring MongoDB").
                    ...(config.data.backup.store ? { backup: backupStoreTarget(config.data.backup.store, DATA_NAMESPACE) } : {}),
                },
            }
            : {}),
        ...(onprem.gatewayCertificate ? { gatewayCertificate: onprem.gatewayCertificate } : {}),
        keystore,
        sources,
        ...(pullSecret ? { pullSecretDockerConfigJson: pullSecret } : {}),
        storageClassName: onprem.storage.storageClassName,
        snapshots: {
            snapshotClassName: onprem.storage.snapshotClassName,
            schedule: onprem.storage.snapshotSchedule,
            retentionDays: config.data.backup.retentionDays,
        },
        protect: isProd,
    });

    return {
        environment: config.environment,
        platform: config.platform,
        jwtPublicKeyPem: keystore.jwtPublicKeyPem,
        /** Clients of a gateway whose certificate the internal CA issued trust this CA. */
        internalCaCertPem: platform.ca.certPem,
        mongodbHost: platform.mongodb.host,
        storage: {
            storageClassName: onprem.storage.storageClassName,
            snapshotClassName: onprem.storage.snapshotClassName,
            encryptedAtRest: onprem.storage.encryptedAtRest,
            encryption: onprem.storage.encryption,
        },
    };
}
