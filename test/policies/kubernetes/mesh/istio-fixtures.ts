/**
 * Istio as programs install and configure it: the istiod chart as a Helm release
 * (`kubernetes:helm.sh/v3:Release`) or chart (`kubernetes:helm.sh/v4:Chart`), from Istio's repository,
 * a mirror or an OCI registry, and Istio's security resources.
 */
import { resource, type CaseResource } from "../../../harness/policy-cases";

export const ISTIO_REPO = "https://istio-release.storage.googleapis.com/charts";
export const ISTIO_VERSION = "1.29.0";

export const HELM_TYPE = { Release: "kubernetes:helm.sh/v3:Release", Chart: "kubernetes:helm.sh/v4:Chart" } as const;
export type HelmKind = keyof typeof HELM_TYPE;

export interface ChartOptions {
    /** Release (helm.sh/v3, the default) or Chart (helm.sh/v4). */
    readonly kind?: HelmKind;
    /** The `chart` argument, e.g. `istiod`, `istio/istiod` or `oci://registry.example.com/istio/istiod`. */
    readonly chart?: string;
    /** `repositoryOpts.repo`; null leaves repositoryOpts out (an OCI chart or a local path). */
    readonly repo?: string | null;
    readonly name?: string;
    readonly namespace?: string;
}

/** A Helm chart of any name, with `values` as given. */
export function helmChart(chart: string, values: unknown, options: ChartOptions = {}): CaseResource {
    const kind = options.kind ?? "Release";
    const repo = options.repo === undefined ? ISTIO_REPO : options.repo;
    return resource(HELM_TYPE[kind], options.name ?? `${chart.split("/").pop()}-${kind.toLowerCase()}`, {
        chart: options.chart ?? chart,
        version: ISTIO_VERSION,
        namespace: options.namespace ?? "istio-system",
        values,
        ...(repo === null ? {} : { repositoryOpts: { repo } }),
    });
}

/**
 * istiod with `meshConfig` among its values (left out when undefined, so istiod's defaults apply),
 * next to the values a hardened install sets anyway.
 */
export function istiod(meshConfig: unknown, options: ChartOptions = {}): CaseResource {
    const values = {
        pilot: { autoscaleMin: 2, resources: { requests: { cpu: "500m", memory: "2Gi" } } },
        global: { proxy: { privileged: false }, logAsJson: true },
        ...(meshConfig === undefined ? {} : { meshConfig }),
    };
    return helmChart("istiod", values, options);
}

/** The OCI registry the team mirrors Istio's charts to. */
export const OCI_ISTIOD = "oci://registry.example.com/mirror/istio/istiod";

export type PeerAuthenticationVersion = "v1" | "v1beta1";

export function peerAuthentication(name: string, namespace: unknown, spec: unknown, version: PeerAuthenticationVersion = "v1"): CaseResource {
    const ns = typeof namespace === "string" ? namespace : "later";
    return resource(`kubernetes:security.istio.io/${version}:PeerAuthentication`, `${ns}-${name}-${version}`, {
        apiVersion: `security.istio.io/${version}`, kind: "PeerAuthentication", metadata: { name, namespace }, spec,
    });
}

/** The mesh-wide policy: `default` in the root namespace, no selector, STRICT. */
export const meshWideStrict = peerAuthentication("default", "istio-system", { mtls: { mode: "STRICT" } });

/** Any Istio object as a program declares it (`new k8s.apiextensions.CustomResource(...)`), or its patch. */
export function istioObject(kind: string, name: string, namespace: unknown, spec: unknown, options: { version?: string; patch?: boolean } = {}): CaseResource {
    const group = ["AuthorizationPolicy", "PeerAuthentication", "RequestAuthentication"].includes(kind) ? "security.istio.io" : "networking.istio.io";
    const version = options.version ?? "v1";
    const ns = typeof namespace === "string" ? namespace : "later";
    return resource(`kubernetes:${group}/${version}:${kind}${options.patch ? "Patch" : ""}`, `${ns}-${name}-${kind.toLowerCase()}${options.patch ? "-patch" : ""}`, {
        apiVersion: `${group}/${version}`, kind, metadata: { name, namespace }, spec,
    });
}
