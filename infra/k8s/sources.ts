/**
 * Where images and charts come from. Upstream by default; on an air-gapped site one registry mirror
 * and one chart repository replace every source the program uses, so nothing is pulled from outside;
 * on AWS a pull-through cache replaces each upstream registry with a path of the stack's own registry.
 *
 * Mirror layout: an upstream image `<registry>/<repository>:<tag>` is pulled as
 * `<mirror>/<repository>:<tag>` (e.g. docker.io/istio/pilot:1.29.0 → registry.corp:5000/mirror/istio/pilot:1.29.0),
 * the layout `crane copy`, `skopeo sync` and registry proxy caches produce. With a mirror per upstream
 * registry the same holds under that registry's mirror (docker.io/istio/pilot:1.29.0 →
 * <account>.dkr.ecr.<region>.amazonaws.com/docker-hub/istio/pilot:1.29.0).
 */

export interface SourceSettings {
    /** Registry (host[:port][/path]) every image is pulled from. @default each image's upstream registry */
    readonly registryMirror?: string;
    /**
     * Registry path (host[:port][/path]) that replaces each upstream registry, keyed by the upstream's host
     * as `splitImage` names it (`docker.io`, `quay.io`): a pull-through cache with a prefix per upstream.
     * An image from a registry without an entry is refused; `registryMirror`, when set, takes precedence. @default none
     */
    readonly registryMirrors?: Readonly<Record<string, string>>;
    /** Helm repository (https:// or oci://) every chart is installed from. @default each chart's upstream */
    readonly chartRepository?: string;
    /** Image pull Secret (kubernetes.io/dockerconfigjson) the platform creates in each namespace that pulls. */
    readonly pullSecretName?: string;
}

/** Host names Docker Hub is also known by; images name it `docker.io`. */
const DOCKER_HUB_ALIASES = ["index.docker.io", "registry-1.docker.io"];

/**
 * The registry part of an image reference (its first component when that names a host) and the rest.
 * Docker Hub is always `docker.io`, and its official images live under `library/` (`nginx` and
 * `docker.io/nginx` are `docker.io/library/nginx`), the path a registry mirror or pull-through cache needs.
 */
export function splitImage(image: string): { readonly registry: string; readonly repository: string } {
    const slash = image.indexOf("/");
    const first = slash < 0 ? "" : image.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
        const registry = DOCKER_HUB_ALIASES.includes(first) ? "docker.io" : first;
        const repository = image.slice(slash + 1);
        return { registry, repository: registry === "docker.io" && !repository.includes("/") ? `library/${repository}` : repository };
    }
    // Docker's short names ("percona/x", "nginx") live on Docker Hub.
    return { registry: "docker.io", repository: slash < 0 ? `library/${image}` : image };
}

/** The registry path that replaces `registry`, or undefined when images are pulled upstream. */
function mirrorOf(registry: string, sources: SourceSettings): string | undefined {
    if (sources.registryMirror) {
        return sources.registryMirror;
    }
    if (!sources.registryMirrors) {
        return undefined;
    }
    const mirror = sources.registryMirrors[registry];
    if (mirror === undefined) {
        // A node that can reach only the mirrors would never start the pod: refuse before anything is deployed.
        throw new Error(`sources: no mirror for images from ${registry}; mirrors are set for ${Object.keys(sources.registryMirrors).join(", ")}. Add ${registry} to the pull-through cache (infra/aws/image-cache.ts) or pull the image from a mirrored registry`);
    }
    return mirror;
}

/** The image to pull: upstream, or the same repository and tag under its registry's mirror. */
export function imageFrom(upstream: string, sources: SourceSettings): string {
    const { registry, repository } = splitImage(upstream);
    const mirror = mirrorOf(registry, sources);
    return mirror === undefined ? upstream : `${mirror}/${repository}`;
}

/** A registry path images are named under (Istio's `hub`), moved under its registry's mirror. */
export function hubFrom(upstreamHub: string, sources: SourceSettings): string {
    // A hub always starts with its registry host (docker.io/istio), so the rest is its path.
    const slash = upstreamHub.indexOf("/");
    const host = upstreamHub.slice(0, slash);
    const mirror = mirrorOf(DOCKER_HUB_ALIASES.includes(host) ? "docker.io" : host, sources);
    return mirror === undefined ? upstreamHub : `${mirror}/${upstreamHub.slice(slash + 1)}`;
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
