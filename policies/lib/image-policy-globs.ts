/**
 * How Sigstore policy-controller matches an image against a ClusterImagePolicy's `images[].glob`
 * (sigstore/policy-controller v0.13.1, pkg/apis/glob/glob.go): the glob becomes an anchored regular expression in
 * which `*` matches anything but `/` and `**` anything, and it is matched against the image's full name as
 * go-containerregistry names it (Docker Hub as `index.docker.io`, official images under `library/`, `:latest` when
 * the reference has no tag), then against the reference as written.
 */
import type { PolicyResource } from "./policy-api";
import { list, ofType } from "./values";

export const CLUSTER_IMAGE_POLICY_TYPE = "kubernetes:policy.sigstore.dev/v1beta1:ClusterImagePolicy";
const CLUSTER_IMAGE_POLICY_TYPES = [CLUSTER_IMAGE_POLICY_TYPE, "kubernetes:policy.sigstore.dev/v1alpha1:ClusterImagePolicy"];

/** The label that opts a namespace into policy-controller's admission webhook. */
export const OPT_IN_LABEL = "policy.sigstore.dev/include";

/** An image pinned by a sha256 digest (with or without a tag before it). */
export function isDigestPinned(image: string): boolean {
    return /@sha256:[0-9a-f]{64}$/.test(image);
}

const VALID_GLOB = /^[a-zA-Z0-9-_:/*.@]+$/;

/** The glob as policy-controller compiles it, or undefined when it refuses it. */
export function compileGlob(glob: string): RegExp | undefined {
    const normalized = glob === "*/*" ? "index.docker.io/*/*" : glob === "*" ? "index.docker.io/library/*" : glob;
    if (!VALID_GLOB.test(normalized)) {
        return undefined;
    }
    const pattern = normalized.replace(/\./g, "\\.").replace(/\*\*/g, "#").replace(/\*/g, "[^/]*").replace(/#/g, ".*");
    return new RegExp(`^${pattern}$`);
}

/** go-containerregistry's `Reference.Name()` of an image (WeakValidation). */
export function fullImageName(image: string): string {
    const slash = image.indexOf("/");
    const first = slash < 0 ? "" : image.slice(0, slash);
    const hasRegistry = first.includes(".") || first.includes(":") || first === "localhost";
    let registry = hasRegistry ? first : "index.docker.io";
    if (registry === "docker.io") {
        registry = "index.docker.io";
    }
    let rest = hasRegistry ? image.slice(slash + 1) : image;
    const at = rest.indexOf("@");
    const reference = at >= 0 ? rest.slice(at) : "";
    rest = at >= 0 ? rest.slice(0, at) : rest;
    const tagged = /:([^/:]+)$/.exec(rest);
    const repository = tagged ? rest.slice(0, tagged.index) : rest;
    const path = registry === "index.docker.io" && !repository.includes("/") ? `library/${repository}` : repository;
    // A digest wins over a tag in the name, as in go-containerregistry's ParseReference.
    return `${registry}/${path}${reference || `:${tagged ? tagged[1] : "latest"}`}`;
}

/** Whether any of `globs` covers an image the way policy-controller matches it; the globs are compiled once. */
export function globsMatcher(globs: readonly string[]): (image: string) => boolean {
    const patterns = globs.map(compileGlob).filter((pattern): pattern is RegExp => pattern !== undefined);
    return (image) => {
        const name = fullImageName(image);
        return patterns.some((pattern) => pattern.test(name) || pattern.test(image));
    };
}

/** Whether `glob` covers `image` the way policy-controller matches it. */
export function globMatches(glob: string, image: string): boolean {
    return globsMatcher([glob])(image);
}

/** Every glob of the stack's ClusterImagePolicies (unknown ones left out). */
export function stackImageGlobs(resources: readonly PolicyResource[]): string[] {
    return CLUSTER_IMAGE_POLICY_TYPES.flatMap((type) => ofType(resources, type))
        .flatMap((policy) => list(policy.props.spec?.images))
        .map((entry) => entry.glob)
        .filter((glob): glob is string => typeof glob === "string");
}

/** Whether the stack declares any ClusterImagePolicy. */
export function hasClusterImagePolicy(resources: readonly PolicyResource[]): boolean {
    return CLUSTER_IMAGE_POLICY_TYPES.some((type) => ofType(resources, type).length > 0);
}
