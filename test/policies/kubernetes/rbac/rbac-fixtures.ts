/**
 * RBAC objects and service accounts as a program declares them (`new k8s.rbac.v1.Role(...)` etc.),
 * for the corpora of the RBAC rules.
 */
import { resource, type CaseResource } from "../../../harness/policy-cases";

export const RBAC_GROUP = "rbac.authorization.k8s.io";
const RBAC_API_VERSION = `${RBAC_GROUP}/v1`;

/** One entry of a Role's or ClusterRole's `rules`. */
export type PolicyRule = Record<string, unknown>;

const metadata = (name: unknown, namespace: string | undefined, labels?: Record<string, string>) =>
    ({ name, ...(namespace === undefined ? {} : { namespace }), ...(labels === undefined ? {} : { labels }) });

const logicalName = (name: unknown, namespace: string | undefined) => `${namespace ?? "cluster"}-${typeof name === "string" ? name : "later"}`;

export function role(name: unknown, namespace: string | undefined, rules: unknown): CaseResource {
    return resource(`kubernetes:${RBAC_GROUP}/v1:Role`, logicalName(name, namespace), {
        apiVersion: RBAC_API_VERSION, kind: "Role", metadata: metadata(name, namespace, { "app.kubernetes.io/part-of": "payments" }), rules,
    });
}

/** A ClusterRole; `extra` adds e.g. an `aggregationRule`. */
export function clusterRole(name: string, rules: unknown, extra: Record<string, unknown> = {}): CaseResource {
    return resource(`kubernetes:${RBAC_GROUP}/v1:ClusterRole`, logicalName(name, undefined), {
        apiVersion: RBAC_API_VERSION, kind: "ClusterRole", metadata: metadata(name, undefined), ...(rules === undefined ? {} : { rules }), ...extra,
    });
}

export const clusterRoleRef = (name: string) => ({ apiGroup: RBAC_GROUP, kind: "ClusterRole", name });
export const roleRef = (name: string) => ({ apiGroup: RBAC_GROUP, kind: "Role", name });

export const group = (name: unknown) => ({ apiGroup: RBAC_GROUP, kind: "Group", name });
export const user = (name: unknown) => ({ apiGroup: RBAC_GROUP, kind: "User", name });
export const serviceAccountSubject = (name: string, namespace: string) => ({ kind: "ServiceAccount", name, namespace });

export function roleBinding(name: string, namespace: string | undefined, ref: unknown, subjects: unknown): CaseResource {
    return resource(`kubernetes:${RBAC_GROUP}/v1:RoleBinding`, logicalName(name, namespace), {
        apiVersion: RBAC_API_VERSION, kind: "RoleBinding", metadata: metadata(name, namespace), roleRef: ref, ...(subjects === undefined ? {} : { subjects }),
    });
}

export function clusterRoleBinding(name: string, ref: unknown, subjects: unknown): CaseResource {
    return resource(`kubernetes:${RBAC_GROUP}/v1:ClusterRoleBinding`, logicalName(name, undefined), {
        apiVersion: RBAC_API_VERSION, kind: "ClusterRoleBinding", metadata: metadata(name, undefined), roleRef: ref, ...(subjects === undefined ? {} : { subjects }),
    });
}

/**
 * A ServiceAccount, or with `patch` a ServiceAccountPatch (server-side apply onto the account the
 * cluster already created, the usual way to change a namespace's `default` account).
 * `automount` undefined leaves `automountServiceAccountToken` out.
 */
export function serviceAccount(name: unknown, namespace: string | undefined, automount?: unknown, options: { patch?: boolean; labels?: Record<string, string> } = {}): CaseResource {
    const kind = options.patch ? "ServiceAccountPatch" : "ServiceAccount";
    return resource(`kubernetes:core/v1:${kind}`, `${logicalName(name, namespace)}-${options.patch ? "patch" : "account"}`, {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: metadata(name, namespace, options.labels),
        ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
    });
}
