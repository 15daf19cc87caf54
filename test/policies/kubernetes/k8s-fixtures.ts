/** Kubernetes objects as a program declares them, for the corpora of the Kubernetes rules. */
import { CaseResource, resource } from "../../harness/policy-cases";
import type { WireValue } from "../../harness/wire";

const API_VERSIONS: Record<string, string> = {
    core: "v1",
    "rbac.authorization.k8s.io": "rbac.authorization.k8s.io/v1",
    "networking.k8s.io": "networking.k8s.io/v1",
    "security.istio.io": "security.istio.io/v1",
};

/** `kubernetes:<group>/v1:<Kind>` with apiVersion, kind and metadata filled in. */
export function k8s(group: keyof typeof API_VERSIONS, kind: string, name: string, namespace: string | undefined, body: Record<string, WireValue>, logicalName = `${namespace ?? "cluster"}-${name}`): CaseResource {
    const metadata = { name, ...(namespace ? { namespace } : {}) };
    return resource(`kubernetes:${group}/v1:${kind}`, logicalName, { apiVersion: API_VERSIONS[group], kind, metadata, ...body });
}

export const RBAC = "rbac.authorization.k8s.io" as const;
