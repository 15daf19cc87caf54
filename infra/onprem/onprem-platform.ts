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
import { KubernetesPlatform } from "../k8s/kubernetes-platform";
import type { SourceSettings } from "../k8s/sources";
import { Keystore } from "../secrets/keystore";
import type { RegistryCredentials } from "../settings/onprem";

/** Name of the image pull Secret created in every namespace when the mirror needs credentials. */
export const PULL_SECRET_NAME = "registry-mirror";

/** The `.dockerconfigjson` document for a registry (its host, without a path) and credentials. */
export function dockerConfigJson(registryMirror: string, credentials: RegistryCredentials): string {
    const host = registryMirror.split("/")[0];
    const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64");
    return JSON.stringify({ auths: { [host]: { username: credentials.username, password: credentials.password, auth } } });
}

/** The Kubernetes provider of the stack's cluster: an explicit kubeconfig and context, never the ambient one. */
export function onPremKubernetesProvider(name: string, settings: OnPremPlatformConfig["onprem"]): k8s.Provider {
    return new k8s.Provider(name, {
        kubeconfig: "contents" in settings.kubeconfig ? pulumi.secret(settings.kubeconfig.contents) : settings.kubeconfig.path,
        ...(settings.kubeContext ? { context: settings.kubeContext } : {}),
        // Resources the cluster can no longer be reached for stay in the state (nothing is forgotten silently).
        deleteUnreachable: false,
    });
}

export function deployOnPremPlatform(config: OnPremPlatformConfig) {
    const isProd = config.environment === "prod";
    const { onprem } = config;
    const provider = onPremKubernetesProvider("onprem", onprem);
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
        gateway: { type: onprem.gateway.serviceType, loadBalancerSourceRanges: onprem.gateway.loadBalancerSourceRanges },
        maxNodes: onprem.maxNodes,
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
