import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { clusterRoleBinding, clusterRoleRef, group, RBAC_GROUP, roleBinding, roleRef, serviceAccountSubject, user } from "./rbac-fixtures";

const CLUSTER_ADMIN = clusterRoleRef("cluster-admin");
const clusterRoleBindingPatch = (name: string, subjects: unknown) =>
    resource(`kubernetes:${RBAC_GROUP}/v1:ClusterRoleBindingPatch`, `${name}-patch`, { apiVersion: `${RBAC_GROUP}/v1`, kind: "ClusterRoleBinding", metadata: { name }, roleRef: CLUSTER_ADMIN, subjects });

export default ruleCases("disallow-cluster-admin-bindings", {
    compliant: [
        { name: "a ClusterRoleBinding to view", resources: [clusterRoleBinding("auditors", clusterRoleRef("view"), [group("auditors")])] },
        { name: "a RoleBinding of the edit ClusterRole in one namespace", resources: [roleBinding("developers", "payments", clusterRoleRef("edit"), [group("payments-developers")])] },
        {
            name: "a RoleBinding of a namespaced Role that happens to be called cluster-admin",
            resources: [roleBinding("local-admins", "sandbox", roleRef("cluster-admin"), [user("dev@example.com")])],
        },
        { name: "system:masters, approved by default", resources: [clusterRoleBinding("masters", CLUSTER_ADMIN, [group("system:masters")])] },
        { name: "a cluster-admin binding without subjects", resources: [clusterRoleBinding("placeholder", CLUSTER_ADMIN, undefined)] },
        {
            name: "a break-glass group the team approves",
            resources: [clusterRoleBinding("break-glass", CLUSTER_ADMIN, [group("break-glass")])],
            config: { "disallow-cluster-admin-bindings": { allowedSubjects: ["Group/system:masters", "Group/break-glass"] } },
        },
        {
            name: "a GitOps controller's account the team approves, in a RoleBinding",
            resources: [roleBinding("flux-reconciler", "flux-system", CLUSTER_ADMIN, [serviceAccountSubject("kustomize-controller", "flux-system")])],
            config: { "disallow-cluster-admin-bindings": { allowedSubjects: ["ServiceAccount/flux-system/kustomize-controller"] } },
        },
    ],
    violating: [
        { name: "a ClusterRoleBindingPatch adding a user to cluster-admin", resources: [clusterRoleBindingPatch("cluster-admin", [user("mallory@example.com")])], message: /User\/mallory@example\.com is bound to cluster-admin\./ },
        { name: "a group bound to cluster-admin cluster-wide", resources: [clusterRoleBinding("ops", CLUSTER_ADMIN, [group("ops")])], message: /Group\/ops is bound to cluster-admin\./ },
        {
            name: "a service account given cluster-admin in a namespace",
            resources: [roleBinding("ci", "builds", CLUSTER_ADMIN, [serviceAccountSubject("runner", "builds")])],
            message: /ServiceAccount\/builds\/runner is bound to cluster-admin\./,
        },
        {
            name: "a user added next to system:masters",
            resources: [clusterRoleBinding("admins", CLUSTER_ADMIN, [group("system:masters"), user("alice@example.com")])],
            message: /User\/alice@example\.com is bound to cluster-admin\./,
        },
        {
            name: "an approved account's namesake in another namespace",
            resources: [clusterRoleBinding("impostor", CLUSTER_ADMIN, [serviceAccountSubject("kustomize-controller", "default")])],
            config: { "disallow-cluster-admin-bindings": { allowedSubjects: ["ServiceAccount/flux-system/kustomize-controller"] } },
            message: /ServiceAccount\/default\/kustomize-controller is bound to cluster-admin\./,
        },
        {
            name: "system:masters once the team's list replaces the default",
            resources: [clusterRoleBinding("masters", CLUSTER_ADMIN, [group("system:masters")])],
            config: { "disallow-cluster-admin-bindings": { allowedSubjects: ["Group/break-glass"] } },
            message: /Group\/system:masters is bound to cluster-admin\./,
        },
    ],
    unknown: [
        { name: "the bound role not known yet", resources: [clusterRoleBinding("later", unknown, [group("ops")])] },
        { name: "a subject's name not known yet", resources: [clusterRoleBinding("later", { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: "cluster-admin" }, [user(unknown)])] },
    ],
});
