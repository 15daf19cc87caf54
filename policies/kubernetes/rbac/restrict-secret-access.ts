import { withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

const READ = ["get", "list", "watch", "*"];

export default defineResourceRule<{ allowedRoles: string[] }>({
    name: "restrict-secret-access",
    description: "Roles and ClusterRoles must not let their subjects read Secrets unless the role is approved for it.",
    severity: "high",
    controls: ["CIS K8s 5.1.2"],
    remediation: "Remove get/list/watch on secrets from the role, or name the exact secrets with resourceNames and list the role in the rule's allowedRoles.",
    config: {
        allowedRoles: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Role names (\"<namespace>/<name>\" or a ClusterRole name) approved to read Secrets.",
        },
    },
    resourceTypes: withPatches(["kubernetes:rbac.authorization.k8s.io/v1:Role", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"]),
    validate(props, { type, config }, report) {
        const name = String(props.metadata?.name ?? "");
        const namespaced = /:Role(Patch)?$/.test(type);
        const key = namespaced ? `${props.metadata?.namespace ?? "default"}/${name}` : name;
        if (config.allowedRoles.includes(key)) {
            return;
        }
        for (const rule of list(props.rules)) {
            const groups = list(rule.apiGroups).map(String);
            const coreGroup = groups.includes("") || groups.includes("*");
            const secrets = list(rule.resources).map(String).some((r) => r === "secrets" || r === "*");
            const reads = list(rule.verbs).map(String).filter((v) => READ.includes(v));
            if (coreGroup && secrets && reads.length > 0 && list(rule.resourceNames).length === 0) {
                report(`${key} can ${reads.join(", ")} every Secret${namespaced ? " in its namespace" : " in the cluster"}.`);
            }
        }
    },
});
