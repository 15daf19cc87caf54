/** Istio as programs install it: Helm releases and charts of istiod, and Istio security resources. */
import { CaseResource, resource } from "../../../harness/policy-cases";
import type { WireValue } from "../../../harness/wire";

export const ISTIO_REPO = "https://istio-release.storage.googleapis.com/charts";

/** istiod installed as a helm.sh/v3 Release (or a v4 Chart) with `meshConfig`. */
export function istiod(meshConfig: WireValue, options: { version?: "v3" | "v4"; chart?: string; repo?: string; name?: string } = {}): CaseResource {
    const version = options.version ?? "v3";
    const props: Record<string, WireValue> = {
        chart: options.chart ?? "istiod",
        version: "1.29.0",
        namespace: "istio-system",
        values: meshConfig === undefined ? { pilot: { cni: { enabled: true } } } : { pilot: { cni: { enabled: true } }, meshConfig },
        repositoryOpts: { repo: options.repo ?? ISTIO_REPO },
    };
    return resource(version === "v3" ? "kubernetes:helm.sh/v3:Release" : "kubernetes:helm.sh/v4:Chart", options.name ?? `istiod-${version}`, props);
}

export function peerAuthentication(name: string, namespace: string, spec: WireValue, group: "v1" | "v1beta1" = "v1"): CaseResource {
    return resource(`kubernetes:security.istio.io/${group}:PeerAuthentication`, `${namespace}-${name}`, {
        apiVersion: `security.istio.io/${group}`, kind: "PeerAuthentication", metadata: { name, namespace }, spec,
    });
}

export const meshWideStrict = peerAuthentication("default", "istio-system", { mtls: { mode: "STRICT" } });
