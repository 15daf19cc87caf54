import { ruleCases, unknown } from "../../../harness/policy-cases";
import { k8s, RBAC } from "../k8s-fixtures";

const binding = (kind: "ClusterRoleBinding" | "RoleBinding", name: string, namespace: string | undefined, roleName: string, subjects: unknown[]) =>
    k8s(RBAC, kind, name, namespace, { roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: roleName }, subjects: subjects as never });
const group = (name: string) => ({ apiGroup: RBAC, kind: "Group", name });
const serviceAccount = (name: string, namespace: string) => ({ kind: "ServiceAccount", name, namespace });

export default ruleCases("disallow-cluster-admin-bindings", {
    compliant: [
        { name: "a ClusterRoleBinding to view", resources: [binding("ClusterRoleBinding", "auditors", undefined, "view", [group("auditors")])] },
        { name: "a RoleBinding to edit in one namespace", resources: [binding("RoleBinding", "developers", "payments", "edit", [group("payments-developers")])] },
        {
            name: "a break-glass group the team approves",
            resources: [binding("ClusterRoleBinding", "break-glass", undefined, "cluster-admin", [group("break-glass")])],
            config: { "disallow-cluster-admin-bindings": { allowedSubjects: ["Group/break-glass"] } },
        },
    ],
    violating: [
        { name: "a group bound to cluster-admin cluster-wide", resources: [binding("ClusterRoleBinding", "ops", undefined, "cluster-admin", [group("ops")])], message: /Group\/ops is bound to cluster-admin\./ },
        {
            name: "a service account given cluster-admin in a namespace",
            resources: [binding("RoleBinding", "ci", "builds", "cluster-admin", [serviceAccount("runner", "builds")])],
            message: /ServiceAccount\/builds\/runner is bound to cluster-admin\./,
        },
    ],
    unknown: [
        { name: "the bound role not known yet", resources: [k8s(RBAC, "ClusterRoleBinding", "later", undefined, { roleRef: unknown, subjects: [group("ops")] })] },
    ],
});
