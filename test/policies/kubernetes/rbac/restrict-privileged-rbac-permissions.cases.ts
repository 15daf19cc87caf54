import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { clusterRole, RBAC_GROUP, role } from "./rbac-fixtures";

const RULE = "restrict-privileged-rbac-permissions";

/** The platform's tenant role (infra/k8s/tenant.ts, tenantRoleRules(false)): no exec, no RBAC, no tokens. */
const TENANT_RULES = [
    { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch", "delete"] },
    { apiGroups: [""], resources: ["pods/log"], verbs: ["get"] },
    { apiGroups: [""], resources: ["configmaps", "services", "persistentvolumeclaims", "serviceaccounts"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] },
    { apiGroups: [""], resources: ["secrets"], verbs: ["create", "delete"] },
    { apiGroups: ["apps"], resources: ["deployments", "statefulsets", "replicasets"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] },
    { apiGroups: ["networking.istio.io"], resources: ["virtualservices", "destinationrules"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] },
];
const withRule = (rule: Record<string, unknown>) => [...TENANT_RULES, rule];
const rolePatch = (name: string, namespace: string, rules: unknown) =>
    resource(`kubernetes:${RBAC_GROUP}/v1:RolePatch`, `${namespace}-${name}-patch`, { apiVersion: `${RBAC_GROUP}/v1`, kind: "Role", metadata: { name, namespace }, rules });

export default ruleCases(RULE, {
    compliant: [
        { name: "the platform's tenant role", resources: [role("tenant-developers", "tenant-acme", TENANT_RULES)] },
        { name: "a read-only ClusterRole over nodes and persistent volumes", resources: [clusterRole("inventory", [{ apiGroups: [""], resources: ["nodes", "persistentvolumes"], verbs: ["get", "list", "watch"] }])] },
        { name: "reading webhook configurations and CSRs", resources: [clusterRole("auditor", [{ apiGroups: ["admissionregistration.k8s.io", "certificates.k8s.io"], resources: ["validatingwebhookconfigurations", "certificatesigningrequests"], verbs: ["get", "list"] }])] },
        { name: "an approved role that binds one named role", resources: [role("binder", "tenant-acme", [{ apiGroups: [RBAC_GROUP], resources: ["roles"], verbs: ["bind"], resourceNames: ["reader"] }])], config: { [RULE]: { allowedRoles: ["tenant-acme/binder"] } } },
        { name: "a wildcard role, which is disallow-wildcard-rbac's finding", resources: [clusterRole("ops", [{ apiGroups: [""], resources: ["*"], verbs: ["*"] }])] },
    ],
    violating: [
        { name: "pods/exec for a tenant", resources: [role("tenant-developers", "tenant-acme", withRule({ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }))], message: /Role tenant-acme\/tenant-developers rule 6 grants create on pods\/exec, which runs commands in containers/ },
        { name: "pods/attach by get", resources: [role("debug", "tenant-acme", [{ apiGroups: [""], resources: ["pods/attach"], verbs: ["get"] }])], message: /grants get on pods\/attach/ },
        { name: "pods/portforward", resources: [role("tunnel", "tenant-acme", [{ apiGroups: [""], resources: ["pods/portforward"], verbs: ["create"] }])], message: /grants create on pods\/portforward, which connects to containers' ports past NetworkPolicies/ },
        { name: "escalate on roles", resources: [role("admin", "tenant-acme", [{ apiGroups: [RBAC_GROUP], resources: ["roles"], verbs: ["get", "escalate"] }])], message: /grants escalate on roles, which lets the subject write roles granting permissions it does not hold \(CIS 5\.1\.8\)/ },
        { name: "bind on cluster roles", resources: [clusterRole("binder", [{ apiGroups: [RBAC_GROUP], resources: ["clusterroles"], verbs: ["bind"] }])], message: /ClusterRole binder rule 0 grants bind on clusterroles/ },
        { name: "impersonating groups", resources: [clusterRole("sudo", [{ apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] }])], message: /ClusterRole sudo rule 0 grants impersonate on users, groups, which lets the subject act as other users/ },
        { name: "the kubelet through nodes/proxy", resources: [clusterRole("metrics", [{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] }])], message: /grants get on nodes\/proxy, which reaches the kubelet API, which runs commands in every pod of the node \(CIS 5\.1\.10\)/ },
        { name: "minting service account tokens", resources: [role("token-minter", "tenant-acme", [{ apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] }])], message: /grants create on serviceaccounts\/token, which mints API tokens/ },
        { name: "approving certificate requests", resources: [clusterRole("approver", [{ apiGroups: ["certificates.k8s.io"], resources: ["certificatesigningrequests/approval"], verbs: ["update"] }])], message: /grants update on certificatesigningrequests\/approval/ },
        { name: "writing webhook configurations", resources: [clusterRole("hooks", [{ apiGroups: ["admissionregistration.k8s.io"], resources: ["mutatingwebhookconfigurations"], verbs: ["create", "patch"] }])], message: /grants create, patch on mutatingwebhookconfigurations, which intercepts or rewrites every API request/ },
        { name: "creating persistent volumes", resources: [clusterRole("storage", [{ apiGroups: [""], resources: ["persistentvolumes"], verbs: ["create"] }])], message: /grants create on persistentvolumes/ },
        { name: "exec granted through any API group", resources: [role("debug", "tenant-acme", [{ apiGroups: ["*"], resources: ["pods/exec"], verbs: ["create"] }])], message: /grants create on pods\/exec/ },
        { name: "exec added by a RolePatch", resources: [rolePatch("tenant-developers", "tenant-acme", withRule({ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }))], message: /Role tenant-acme\/tenant-developers rule 6 grants create on pods\/exec/ },
        { name: "an approved role's namesake in another namespace", resources: [role("binder", "tenant-globex", [{ apiGroups: [RBAC_GROUP], resources: ["roles"], verbs: ["bind"] }])], config: { [RULE]: { allowedRoles: ["tenant-acme/binder"] } }, message: /Role tenant-globex\/binder rule 0 grants bind/ },
    ],
    unknown: [
        { name: "a rule's verbs not known yet", resources: [role("debug", "tenant-acme", [{ apiGroups: [""], resources: ["pods/exec"], verbs: unknown }])] },
    ],
});
