import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { clusterRole, RBAC_GROUP, role } from "./rbac-fixtures";

const rolePatch = (name: string, namespace: string, rules: unknown) =>
    resource(`kubernetes:${RBAC_GROUP}/v1:RolePatch`, `${namespace}-${name}-patch`, { apiVersion: `${RBAC_GROUP}/v1`, kind: "Role", metadata: { name, namespace }, rules });

const readSecrets = [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "watch"] }];

export default ruleCases("restrict-secret-access", {
    compliant: [
        { name: "a Role that may create Secrets but not read them", resources: [role("writer", "payments", [{ apiGroups: [""], resources: ["secrets"], verbs: ["create", "update", "delete"] }])] },
        { name: "a Role reading one named Secret", resources: [role("tls-reader", "ingress", [{ apiGroups: [""], resources: ["secrets"], resourceNames: ["gateway-tls"], verbs: ["get"] }])] },
        { name: "a ClusterRole reading config maps", resources: [clusterRole("config-reader", [{ apiGroups: [""], resources: ["configmaps", "services"], verbs: ["get", "list"] }])] },
        { name: "a ClusterRole on every resource of another API group", resources: [clusterRole("apps-reader", [{ apiGroups: ["apps", "batch"], resources: ["*"], verbs: ["get", "list", "watch"] }])] },
        { name: "an approved Role", resources: [role("secret-sync", "vault", readSecrets)], config: { "restrict-secret-access": { allowedRoles: ["vault/secret-sync"] } } },
        {
            name: "an approved ClusterRole",
            resources: [clusterRole("external-secrets-controller", readSecrets)],
            config: { "restrict-secret-access": { allowedRoles: ["external-secrets-controller"] } },
        },
    ],
    violating: [
        { name: "a RolePatch letting a tenant role read Secrets", resources: [rolePatch("tenant-developers", "tenant-acme", readSecrets)], message: /tenant-acme\/tenant-developers can get, list, watch every Secret in its namespace/ },
        {
            name: "a Role listing every Secret of its namespace",
            resources: [role("debug", "payments", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }])],
            message: /payments\/debug can get, list every Secret in its namespace\./,
        },
        { name: "a Role with every verb on Secrets", resources: [role("admin", "billing", [{ apiGroups: [""], resources: ["secrets"], verbs: ["*"] }])], message: /billing\/admin can \* every Secret in its namespace\./ },
        { name: "a Role in the provider's default namespace", resources: [role("reader", undefined, readSecrets)], message: /default\/reader can get, list, watch every Secret in its namespace\./ },
        {
            name: "a ClusterRole watching Secrets everywhere",
            resources: [clusterRole("watcher", [{ apiGroups: [""], resources: ["secrets", "configmaps"], verbs: ["watch"] }])],
            message: /watcher can watch every Secret in the cluster\./,
        },
        { name: "a ClusterRole on every resource", resources: [clusterRole("reader", [{ apiGroups: ["*"], resources: ["*"], verbs: ["get"] }])], message: /reader can get every Secret in the cluster\./ },
        {
            name: "an approved Role's namesake in another namespace",
            resources: [role("secret-sync", "payments", readSecrets)],
            config: { "restrict-secret-access": { allowedRoles: ["vault/secret-sync"] } },
            message: /payments\/secret-sync can get, list, watch every Secret in its namespace\./,
        },
    ],
    unknown: [
        { name: "verbs not known yet", resources: [role("later", "payments", [{ apiGroups: [""], resources: ["secrets"], verbs: unknown }])] },
        { name: "the role's name not known yet", resources: [role(unknown, "payments", readSecrets)] },
    ],
});
