import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { clusterRoleBinding, clusterRoleRef, group, RBAC_GROUP, roleBinding, roleRef, serviceAccountSubject, user } from "./rbac-fixtures";

const RULE = "restrict-rbac-binding-subjects";

const bindingPatch = (name: string, namespace: string, ref: unknown, subjects: unknown) =>
    resource(`kubernetes:${RBAC_GROUP}/v1:RoleBindingPatch`, `${namespace}-${name}-patch`, { apiVersion: `${RBAC_GROUP}/v1`, kind: "RoleBinding", metadata: { name, namespace }, roleRef: ref, subjects });

export default ruleCases(RULE, {
    compliant: [
        { name: "the platform's tenant binding: one group", resources: [roleBinding("tenant-developers", "tenant-acme", roleRef("tenant-developers"), [group("tenant-acme-developers")])] },
        { name: "a service account and a named user", resources: [clusterRoleBinding("operator", clusterRoleRef("psmdb-operator"), [serviceAccountSubject("psmdb-operator", "data"), user("alice@example.com")])] },
        { name: "discovery for every authenticated identity, as Kubernetes binds it", resources: [clusterRoleBinding("discovery", clusterRoleRef("system:discovery"), [group("system:authenticated")])] },
        { name: "the service accounts of one namespace", resources: [roleBinding("readers", "tenant-acme", roleRef("reader"), [group("system:serviceaccounts:tenant-acme")])] },
    ],
    violating: [
        { name: "a role for anonymous requests", resources: [clusterRoleBinding("public", clusterRoleRef("view"), [user("system:anonymous")])], message: /ClusterRoleBinding public grants ClusterRole view to User\/system:anonymous, i\.e\. every request without credentials\. Expected a named user, group or service account/ },
        { name: "a role for unauthenticated requests", resources: [roleBinding("open", "tenant-acme", roleRef("reader"), [group("system:unauthenticated")])], message: /RoleBinding tenant-acme\/open grants Role reader to Group\/system:unauthenticated/ },
        { name: "a role for every authenticated identity", resources: [clusterRoleBinding("everyone-edits", clusterRoleRef("edit"), [group("tenant-acme-developers"), group("system:authenticated")])], message: /grants ClusterRole edit to Group\/system:authenticated, i\.e\. every identity the cluster authenticates/ },
        { name: "a role for every service account", resources: [clusterRoleBinding("sa-view", clusterRoleRef("view"), [group("system:serviceaccounts")])], message: /to Group\/system:serviceaccounts, i\.e\. every service account of every namespace/ },
        { name: "a subject named \"*\"", resources: [roleBinding("star", "tenant-acme", roleRef("reader"), [user("*")])], message: /RoleBinding tenant-acme\/star binds Role reader to a User named "\*", which RBAC matches literally/ },
        { name: "a discovery role under another name", resources: [clusterRoleBinding("almost", clusterRoleRef("system:discovery-plus"), [group("system:authenticated")])], message: /grants ClusterRole system:discovery-plus to Group\/system:authenticated/ },
        { name: "a RoleBindingPatch adding every authenticated identity", resources: [bindingPatch("tenant-developers", "tenant-acme", roleRef("tenant-developers"), [group("system:authenticated")])], message: /RoleBinding tenant-acme\/tenant-developers grants Role tenant-developers to Group\/system:authenticated/ },
    ],
    unknown: [
        { name: "a subject not known yet", resources: [roleBinding("later", "tenant-acme", roleRef("reader"), [group(unknown)])] },
    ],
});
