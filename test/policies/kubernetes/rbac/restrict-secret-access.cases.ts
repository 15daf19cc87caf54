import { ruleCases, unknown } from "../../../harness/policy-cases";
import { k8s, RBAC } from "../k8s-fixtures";

const role = (name: string, namespace: string, rules: unknown[]) => k8s(RBAC, "Role", name, namespace, { rules: rules as never });
const clusterRole = (name: string, rules: unknown[]) => k8s(RBAC, "ClusterRole", name, undefined, { rules: rules as never });

export default ruleCases("restrict-secret-access", {
    compliant: [
        { name: "a Role that may create Secrets but not read them", resources: [role("writer", "payments", [{ apiGroups: [""], resources: ["secrets"], verbs: ["create", "update", "delete"] }])] },
        { name: "a Role reading one named Secret", resources: [role("tls-reader", "ingress", [{ apiGroups: [""], resources: ["secrets"], resourceNames: ["gateway-tls"], verbs: ["get"] }])] },
        { name: "a ClusterRole reading config maps", resources: [clusterRole("config-reader", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }])] },
        {
            name: "an approved Role",
            resources: [role("secret-sync", "vault", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }])],
            config: { "restrict-secret-access": { allowedRoles: ["vault/secret-sync"] } },
        },
    ],
    violating: [
        { name: "a Role listing every Secret of its namespace", resources: [role("debug", "payments", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }])], message: /payments\/debug can get, list every Secret in its namespace\./ },
        { name: "a ClusterRole watching Secrets everywhere", resources: [clusterRole("watcher", [{ apiGroups: [""], resources: ["secrets", "configmaps"], verbs: ["watch"] }])], message: /watcher can watch every Secret in the cluster\./ },
        { name: "a ClusterRole on every resource", resources: [clusterRole("reader", [{ apiGroups: ["*"], resources: ["*"], verbs: ["get"] }])], message: /reader can get every Secret in the cluster\./ },
    ],
    unknown: [
        { name: "verbs not known yet", resources: [role("later", "payments", [{ apiGroups: [""], resources: ["secrets"], verbs: unknown }])] },
    ],
});
