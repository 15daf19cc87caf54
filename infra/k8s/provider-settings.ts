/**
 * What every Kubernetes provider of the platform sets, on EKS and on-prem: Secret data changes are
 * updates, and the provider's identity is a stable name rather than the kubeconfig's cluster entry.
 */
import type * as k8s from "@pulumi/kubernetes";

/**
 * The provider options both variants set.
 *
 * - `enableSecretMutable`: without it the provider replaces a Secret whenever its `data` or `stringData`
 *   changes (pulumi-kubernetes provider/pkg/provider/diff.go `forceNewProperties`: `.type`, `.stringData`,
 *   `.data` for a Secret unless the option is set and the Secret is not `immutable`), and a named Secret is
 *   replaced delete-before-create (provider.go `Diff`, `deleteBeforeReplace`). Pulumi refuses to replace a
 *   `protect`ed resource, so in prod the first renewed leaf certificate or raised keystore generation would
 *   stop every `pulumi up`; elsewhere the Secret would vanish between the delete and the create. With it
 *   a change of data is an in-place update; a change of `type` still replaces. Stable since 4.24.0
 *   (pulumi-kubernetes CHANGELOG, pulumi/pulumi-kubernetes#3886; added in 4.18.0, #2291).
 * - `clusterIdentifier`: when set, the provider is replaced only when this value changes; otherwise a
 *   change of the kubeconfig's active cluster (a new server URL or CA, or a kubeconfig the preview cannot
 *   know yet) replaces the provider and with it every Kubernetes resource (provider.go `DiffConfig`).
 *   Adding it to an existing stack replaces nothing: only a change of a value that was already set does.
 */
export function platformProviderSettings(clusterIdentifier: string): Pick<k8s.ProviderArgs, "clusterIdentifier" | "enableSecretMutable"> {
    if (clusterIdentifier.trim() === "" || /\s/.test(clusterIdentifier)) {
        throw new Error(`platformProviderSettings: clusterIdentifier must be a non-empty name without spaces, got ${JSON.stringify(clusterIdentifier)}`);
    }
    return { clusterIdentifier, enableSecretMutable: true };
}
