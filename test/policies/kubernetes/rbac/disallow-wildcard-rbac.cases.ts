import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { clusterRole, RBAC_GROUP, role } from "./rbac-fixtures";

const clusterRolePatch = (name: string, rules: unknown) =>
    resource(`kubernetes:${RBAC_GROUP}/v1:ClusterRolePatch`, `${name}-patch`, { apiVersion: `${RBAC_GROUP}/v1`, kind: "ClusterRole", metadata: { name }, rules });

export default ruleCases("disallow-wildcard-rbac", {
    compliant: [
        {
            name: "a Role naming its resources and verbs",
            resources: [role("deployer", "payments", [
                { apiGroups: ["apps"], resources: ["deployments", "deployments/scale"], verbs: ["get", "list", "watch", "patch"] },
                { apiGroups: [""], resources: ["configmaps"], resourceNames: ["payments-config"], verbs: ["get"] },
            ])],
        },
        {
            name: "a ClusterRole reading nodes and the health endpoints",
            resources: [clusterRole("node-reader", [
                { apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch"] },
                { nonResourceURLs: ["/healthz", "/metrics"], verbs: ["get"] },
            ])],
        },
        {
            name: "an aggregated ClusterRole that declares no rules of its own",
            resources: [clusterRole("monitoring", undefined, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "rbac.example.com/aggregate-to-monitoring": "true" } }] } })],
        },
        { name: "a Role with an empty rule list", resources: [role("placeholder", "payments", [])] },
    ],
    violating: [
        { name: "a ClusterRolePatch adding a wildcard verb", resources: [clusterRolePatch("view", [{ apiGroups: [""], resources: ["pods"], verbs: ["*"] }])], message: /Rule 0 uses "\*" in verbs\./ },
        {
            name: "a ClusterRole scaling every resource through \"*/scale\"",
            resources: [clusterRole("scaler", [{ apiGroups: ["apps"], resources: ["*/scale"], verbs: ["update", "patch"] }])],
            message: /Rule 0 uses "\*" in resources\./,
        },
        { name: "a Role granting every verb", resources: [role("owner", "payments", [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["*"] }])], message: /Rule 0 uses "\*" in verbs\./ },
        { name: "a Role on every resource of a group", resources: [role("batch-admin", "jobs", [{ apiGroups: ["batch"], resources: ["*"], verbs: ["get", "list"] }])], message: /Rule 0 uses "\*" in resources\./ },
        {
            name: "a ClusterRole granting everything",
            resources: [clusterRole("god", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }, { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }])],
            message: /Rule 1 uses "\*" in apiGroups, resources, verbs\./,
        },
        { name: "a ClusterRole on every non-resource URL", resources: [clusterRole("urls", [{ nonResourceURLs: ["*"], verbs: ["get"] }])], message: /Rule 0 uses "\*" in nonResourceURLs\./ },
    ],
    unknown: [
        { name: "rules not known yet", resources: [role("later", "payments", unknown)] },
        { name: "a rule's verbs not known yet", resources: [clusterRole("later", [{ apiGroups: [""], resources: ["pods"], verbs: unknown }])] },
    ],
});
