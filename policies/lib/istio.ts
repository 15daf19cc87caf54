/**
 * Recognising an Istio installation however a program declares it: the istiod Helm chart as a
 * helm.sh/v3 Release or a helm.sh/v4 Chart (any repository or mirror), and Istio's own API kinds.
 */
import type { PolicyResource } from "./policy-api";
import type { Props } from "./rule";

export const HELM_TYPES = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"] as const;

export const PEER_AUTHENTICATION_TYPES = [
    "kubernetes:security.istio.io/v1:PeerAuthentication",
    "kubernetes:security.istio.io/v1beta1:PeerAuthentication",
] as const;

/**
 * The chart's name without repository, registry, version, digest or archive suffix:
 * `oci://mirror/istio/istiod:1.29.0`, `.../istiod@sha256:...` and `https://host/istiod-1.29.0.tgz` → `istiod`.
 */
export function chartName(props: Props): string {
    const last = String(props.chart ?? "").split("/").pop()!;
    const withoutRef = last.split("@")[0].split(":")[0];
    const archive = /^(.+?)-v?\d+\.\d+\.\d+[^/]*\.tgz$/.exec(withoutRef);
    return archive ? archive[1] : withoutRef.replace(/\.tgz$/, "");
}

/** Whether a Helm release/chart installs istiod (the control plane whose values carry meshConfig). */
export function isIstiodChart(type: string, props: Props): boolean {
    return (HELM_TYPES as readonly string[]).includes(type) && chartName(props) === "istiod";
}

/** Whether a stack installs or configures Istio at all. */
export function usesIstio(resources: readonly PolicyResource[]): boolean {
    return resources.some((r) => isIstiodChart(r.type, r.props) || /^kubernetes:[a-z.]+\.istio\.io\//.test(r.type));
}

export const GATEWAY_TYPES = [
    "kubernetes:networking.istio.io/v1:Gateway",
    "kubernetes:networking.istio.io/v1beta1:Gateway",
    "kubernetes:networking.istio.io/v1alpha3:Gateway",
] as const;

export const VIRTUAL_SERVICE_TYPES = [
    "kubernetes:networking.istio.io/v1:VirtualService",
    "kubernetes:networking.istio.io/v1beta1:VirtualService",
    "kubernetes:networking.istio.io/v1alpha3:VirtualService",
] as const;

/** Istio's kinds are served at these versions (istio 1.29.0, manifests/charts/base/files/crd-all.gen.yaml). */
const NETWORKING_VERSIONS = ["v1", "v1beta1", "v1alpha3"] as const;
const SECURITY_VERSIONS = ["v1", "v1beta1"] as const;

export const AUTHORIZATION_POLICY_TYPES = SECURITY_VERSIONS.map((v) => `kubernetes:security.istio.io/${v}:AuthorizationPolicy`);
export const DESTINATION_RULE_TYPES = NETWORKING_VERSIONS.map((v) => `kubernetes:networking.istio.io/${v}:DestinationRule`);
export const SERVICE_ENTRY_TYPES = NETWORKING_VERSIONS.map((v) => `kubernetes:networking.istio.io/${v}:ServiceEntry`);
export const SIDECAR_TYPES = NETWORKING_VERSIONS.map((v) => `kubernetes:networking.istio.io/${v}:Sidecar`);
