/**
 * Bindings whose subjects are everyone: `system:anonymous` and `system:unauthenticated` are requests
 * without credentials, `system:authenticated` is every identity the cluster accepts (on EKS every IAM
 * principal with an access entry), `system:serviceaccounts` every service account of every namespace. The
 * API server binds only discovery roles to them (system:discovery, system:basic-user and
 * system:public-info-viewer; Kubernetes RBAC "Default roles and role bindings"). RBAC gives a subject named
 * `*` no special meaning, so such a subject is a mistake that grants nothing it intends.
 */
import { withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

const EVERYONE: Readonly<Record<string, string>> = {
    "User/system:anonymous": "every request without credentials",
    "Group/system:unauthenticated": "every request without credentials",
    "Group/system:authenticated": "every identity the cluster authenticates",
    "Group/system:serviceaccounts": "every service account of every namespace",
};

export default defineResourceRule<{ allowedRoles: string[] }>({
    name: "restrict-rbac-binding-subjects",
    description: "RoleBindings and ClusterRoleBindings must not grant a role to anonymous or unauthenticated requests, to every authenticated identity, to every service account, or to a subject named \"*\".",
    severity: "critical",
    controls: ["NIST SP 800-53 AC-6", "NIST SP 800-53 IA-2"],
    remediation: "Replace the subject with the group, user or service account that needs the role (a tenant's group, e.g. `tenant-<name>-developers`); only the discovery ClusterRoles in the rule's allowedRoles may be bound to everyone.",
    config: {
        allowedRoles: {
            type: "array",
            items: { type: "string" },
            default: ["system:discovery", "system:basic-user", "system:public-info-viewer"],
            description: "ClusterRoles that may be bound to every identity (Kubernetes binds these discovery roles to them by default).",
        },
    },
    resourceTypes: withPatches(["kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"]),
    validate(props, { type, config }, report) {
        const role = props.roleRef?.name;
        if (props.roleRef?.kind === "ClusterRole" && config.allowedRoles.includes(role)) {
            return;
        }
        const namespaced = /:RoleBinding(Patch)?$/.test(type);
        const binding = () => `${namespaced ? `RoleBinding ${props.metadata?.namespace ?? "default"}/` : "ClusterRoleBinding "}${props.metadata?.name ?? "(unnamed)"}`;
        for (const subject of list(props.subjects)) {
            const key = `${subject.kind}/${subject.name}`;
            if (EVERYONE[key]) {
                report(`${binding()} grants ${props.roleRef?.kind ?? "role"} ${role} to ${key}, i.e. ${EVERYONE[key]}. Expected a named user, group or service account.`);
            } else if (subject.name === "*") {
                report(`${binding()} binds ${props.roleRef?.kind ?? "role"} ${role} to a ${subject.kind} named "*", which RBAC matches literally, not as everyone. Expected a named user, group or service account.`);
            }
        }
    },
});
