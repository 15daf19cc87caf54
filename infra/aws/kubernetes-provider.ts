import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { platformProviderSettings } from "../k8s/provider-settings";

export interface ClusterAccess {
    readonly clusterName: pulumi.Input<string>;
    readonly endpoint: pulumi.Input<string>;
    /** Base64 certificate authority data of the API server. */
    readonly certificateAuthorityData: pulumi.Input<string>;
    readonly region: string;
    /**
     * A name of the cluster that stays the same for its life (e.g. `eks/<region>/<cluster name>`): the
     * provider, and every Kubernetes resource with it, is replaced only when this changes, never because
     * the kubeconfig built from the endpoint and CA changed or is not known yet during a preview.
     */
    readonly clusterIdentifier: string;
    /**
     * The access entries, policy associations and network rules the caller reaches the API through (see
     * `EksCluster.apiAccess`). The provider depends on them, so `pulumi destroy` deletes everything
     * deployed through it before it deletes the access to the API.
     */
    readonly apiAccess: readonly pulumi.Resource[];
}

/**
 * A kubeconfig that authenticates with short-lived tokens from `aws eks get-token` (the caller's AWS
 * credentials, mapped to an access entry): no static credential is stored anywhere.
 */
export function eksKubeconfig(access: { clusterName: string; endpoint: string; certificateAuthorityData: string; region: string }): string {
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: access.clusterName, cluster: { server: access.endpoint, "certificate-authority-data": access.certificateAuthorityData } }],
        contexts: [{ name: access.clusterName, context: { cluster: access.clusterName, user: access.clusterName } }],
        "current-context": access.clusterName,
        users: [{
            name: access.clusterName,
            user: {
                exec: {
                    apiVersion: "client.authentication.k8s.io/v1beta1",
                    command: "aws",
                    args: ["eks", "get-token", "--cluster-name", access.clusterName, "--region", access.region, "--output", "json"],
                    interactiveMode: "Never",
                },
            },
        }],
    });
}

/**
 * The AWS variant's `clusterIdentifier`: the cluster's region and name, which stay the same for its life. A
 * cluster replaced under the same name (possible only after its deletion protection is lifted) keeps it, so
 * its Kubernetes resources are not re-created by themselves: deploy a rebuilt cluster from a new stack.
 */
export function eksClusterIdentifier(region: string, clusterName: string): string {
    return `eks/${region}/${clusterName}`;
}

/** The Kubernetes provider every in-cluster component of the AWS variant uses. */
export function eksKubernetesProvider(name: string, access: ClusterAccess, opts: Omit<pulumi.CustomResourceOptions, "dependsOn"> & { readonly dependsOn?: readonly pulumi.Resource[] } = {}): k8s.Provider {
    const kubeconfig = pulumi
        .all([access.clusterName, access.endpoint, access.certificateAuthorityData])
        .apply(([clusterName, endpoint, certificateAuthorityData]) => eksKubeconfig({ clusterName, endpoint, certificateAuthorityData, region: access.region }));
    return new k8s.Provider(name, { kubeconfig, enableServerSideApply: true, ...platformProviderSettings(access.clusterIdentifier) }, { ...opts, dependsOn: [...(opts.dependsOn ?? []), ...access.apiAccess] });
}
