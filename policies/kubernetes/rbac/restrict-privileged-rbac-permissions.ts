/**
 * RBAC permissions that reach past what they name: `escalate`, `bind` and `impersonate` grant any
 * permission (CIS 5.1.8), `nodes/proxy` reaches the kubelet API and so every pod on the node (5.1.10),
 * `pods/exec`, `attach` and `portforward` run commands in or connect into containers and read what they
 * mount, `serviceaccounts/token` mints tokens of any account in scope (5.1.13), CSR approval issues
 * cluster certificates (5.1.11), webhook configurations see or rewrite every request (5.1.12), and
 * PersistentVolumes can point at host paths (5.1.9). Only explicitly named verbs and resources are judged:
 * `*` is disallow-wildcard-rbac's finding.
 */
import { withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

interface Permission {
    readonly group: string;
    /** Resources the permission is on; undefined for verbs that are dangerous on any resource. */
    readonly resources?: readonly string[];
    readonly verbs: readonly string[];
    readonly why: string;
}

const PERMISSIONS: readonly Permission[] = [
    { group: "*", verbs: ["escalate"], why: "lets the subject write roles granting permissions it does not hold (CIS 5.1.8)" },
    { group: "*", verbs: ["bind"], why: "lets the subject bind roles granting permissions it does not hold (CIS 5.1.8)" },
    { group: "*", verbs: ["impersonate"], why: "lets the subject act as other users, groups or service accounts (CIS 5.1.8)" },
    { group: "", resources: ["nodes/proxy"], verbs: ["get", "create", "update", "patch", "delete"], why: "reaches the kubelet API, which runs commands in every pod of the node (CIS 5.1.10)" },
    { group: "", resources: ["pods/exec", "pods/attach"], verbs: ["get", "create"], why: "runs commands in containers, with their service account tokens and mounted Secrets" },
    { group: "", resources: ["pods/portforward"], verbs: ["get", "create"], why: "connects to containers' ports past NetworkPolicies and the mesh" },
    { group: "", resources: ["serviceaccounts/token"], verbs: ["create"], why: "mints API tokens of service accounts (CIS 5.1.13)" },
    { group: "certificates.k8s.io", resources: ["certificatesigningrequests/approval"], verbs: ["update", "patch"], why: "approves certificates the cluster trusts (CIS 5.1.11)" },
    { group: "admissionregistration.k8s.io", resources: ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"], verbs: ["create", "update", "patch", "delete"], why: "intercepts or rewrites every API request (CIS 5.1.12)" },
    { group: "", resources: ["persistentvolumes"], verbs: ["create"], why: "creates volumes on any storage, host paths included (CIS 5.1.9)" },
];

export default defineResourceRule<{ allowedRoles: string[] }>({
    name: "restrict-privileged-rbac-permissions",
    description: "Roles and ClusterRoles must not grant escalate, bind or impersonate, nor access to nodes/proxy, pods/exec, pods/attach, pods/portforward, service account token creation, CSR approval, webhook configurations or PersistentVolume creation, unless the role is approved for it.",
    severity: "high",
    controls: ["CIS K8s 5.1.8", "CIS K8s 5.1.10", "CIS K8s 5.1.13", "CIS K8s 5.1.11", "CIS K8s 5.1.12", "CIS K8s 5.1.9", "NIST SP 800-53 AC-6"],
    remediation: "Remove the verb or resource from the role's `rules` (a tenant debugs through logs, `pods/log`, not exec); a cluster component that needs it is listed in the rule's allowedRoles as `<namespace>/<name>` (Role) or `<name>` (ClusterRole).",
    config: {
        allowedRoles: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Role names (\"<namespace>/<name>\" or a ClusterRole name) approved for these permissions.",
        },
    },
    resourceTypes: withPatches(["kubernetes:rbac.authorization.k8s.io/v1:Role", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"]),
    validate(props, { type, config }, report) {
        const namespaced = /:Role(Patch)?$/.test(type);
        const name = String(props.metadata?.name ?? "");
        const key = namespaced ? `${props.metadata?.namespace ?? "default"}/${name}` : name;
        if (config.allowedRoles.includes(key)) {
            return;
        }
        list(props.rules).forEach((rule, index) => {
            const groups = list(rule.apiGroups).map(String);
            const resources = list(rule.resources).map(String);
            const verbs = list(rule.verbs).map(String);
            for (const permission of PERMISSIONS) {
                const granted = permission.verbs.filter((v) => verbs.includes(v));
                if (granted.length === 0 || !(permission.group === "*" || groups.includes(permission.group) || groups.includes("*"))) {
                    continue;
                }
                const on = permission.resources === undefined ? resources : permission.resources.filter((r) => resources.includes(r));
                if (permission.resources !== undefined && on.length === 0) {
                    continue;
                }
                report(`${namespaced ? "Role" : "ClusterRole"} ${key} rule ${index} grants ${granted.join(", ")} on ${on.length > 0 ? on.join(", ") : "(no resources)"}, which ${permission.why}. Expected the permission removed, or the role listed in allowedRoles.`);
            }
        });
    },
});
