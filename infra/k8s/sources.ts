/**
 * Where images and charts come from. Upstream by default; on an air-gapped site one registry mirror
 * and one chart repository replace every source the program uses, so nothing is pulled from outside.
 *
 * Mirror layout: an upstream image `<registry>/<repository>:<tag>` is pulled as
 * `<mirror>/<repository>:<tag>` (e.g. docker.io/istio/pilot:1.29.0 → registry.corp:5000/mirror/istio/pilot:1.29.0),
 * the layout `crane copy`, `skopeo sync` and registry proxy caches produce.
 */

export interface SourceSettings {
    /** Registry (host[:port][/path]) every image is pulled from. @default each image's upstream registry */
    readonly registryMirror?: string;
    /** Helm repository (https:// or oci://) every chart is installed from. @default each chart's upstream */
    readonly chartRepository?: string;
    /** Image pull Secret (kubernetes.io/dockerconfigjson) the platform creates in each namespace that pulls. */
    readonly pullSecretName?: string;
}

/** The registry part of an image reference: its first component when that names a host. */
export function splitImage(image: string): { readonly registry: string; readonly repository: string } {
    const slash = image.indexOf("/");
    const first = slash < 0 ? "" : image.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
        return { registry: first, repository: image.slice(slash + 1) };
    }
    // Docker's short names ("percona/x", "nginx") live on Docker Hub.
    return { registry: "docker.io", repository: slash < 0 ? `library/${image}` : image };
}

/** The image to pull: upstream, or the same repository and tag under the mirror. */
export function imageFrom(upstream: string, sources: SourceSettings): string {
    if (!sources.registryMirror) {
        return upstream;
    }
    return `${sources.registryMirror}/${splitImage(upstream).repository}`;
}

/** A registry path images are named under (Istio's `hub`), moved under the mirror. */
export function hubFrom(upstreamHub: string, sources: SourceSettings): string {
    // A hub always starts with its registry host (docker.io/istio), so the rest is its path.
    return sources.registryMirror ? `${sources.registryMirror}/${upstreamHub.slice(upstreamHub.indexOf("/") + 1)}` : upstreamHub;
}

/** The `chart` and `repositoryOpts` of a helm.v3.Release for `chart` from its upstream or the mirror. */
export function chartFrom(chart: string, upstreamRepository: string, sources: SourceSettings): { chart: string; repositoryOpts?: { repo: string } } {
    const repository = (sources.chartRepository ?? upstreamRepository).replace(/\/$/, "");
    // Helm addresses an OCI chart by its full reference; repositoryOpts are for index-based repositories.
    return repository.startsWith("oci://") ? { chart: `${repository}/${chart}` } : { chart, repositoryOpts: { repo: repository } };
}

/** `imagePullSecrets` for a pod spec or chart value, empty without a pull secret. */
export function pullSecrets(sources: SourceSettings): { name: string }[] {
    return sources.pullSecretName ? [{ name: sources.pullSecretName }] : [];
}
