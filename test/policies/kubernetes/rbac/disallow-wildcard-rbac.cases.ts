import { ruleCases, unknown } from "../../../harness/policy-cases";
import { k8s, RBAC } from "../k8s-fixtures";

const role = (name: string, namespace: string, rules: unknown[]) => k8s(RBAC, "Role", name, namespace, { rules: rules as never });
const clusterRole = (name: string, rules: unknown[]) => k8s(RBAC, "ClusterRole", name, undefined, { rules: rules as never });

export default ruleCases("disallow-wildcard-rbac", {
    compliant: [
        { name: "a Role naming its resources and verbs", resources: [role("deployer", "payments", [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "patch"] }])] },
        { name: "a ClusterRole reading nodes", resources: [clusterRole("node-reader", [{ apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch"] }])] },
    ],
    violating: [
        { name: "a Role granting every verb", resources: [role("owner", "payments", [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["*"] }])], message: /Rule 0 uses "\*" in verbs\./ },
        {
            name: "a ClusterRole granting everything",
            resources: [clusterRole("god", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }, { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }])],
            message: /Rule 1 uses "\*" in apiGroups, resources, verbs\./,
        },
        { name: "a ClusterRole on every non-resource URL", resources: [clusterRole("urls", [{ nonResourceURLs: ["*"], verbs: ["get"] }])], message: /Rule 0 uses "\*" in nonResourceURLs\./ },
    ],
    unknown: [
        { name: "rules not known yet", resources: [role("later", "payments", unknown as never)] },
    ],
});
