import { withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

export default defineResourceRule<{ allowedSubjects: string[] }>({
    name: "disallow-cluster-admin-bindings",
    description: "Nothing may be bound to the cluster-admin role except explicitly approved subjects.",
    severity: "critical",
    controls: ["CIS K8s 5.1.1"],
    remediation: "Bind a Role or ClusterRole that grants only what the subject needs; on EKS grant human administrators through access entries instead of RBAC bindings.",
    config: {
        allowedSubjects: {
            type: "array",
            items: { type: "string" },
            default: ["Group/system:masters"],
            description: "Subjects (\"<Kind>/<name>\" or \"<Kind>/<namespace>/<name>\") that may hold cluster-admin.",
        },
    },
    resourceTypes: withPatches(["kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"]),
    validate(props, { config }, report) {
        if (props.roleRef?.name !== "cluster-admin" || props.roleRef?.kind !== "ClusterRole") {
            return;
        }
        for (const subject of list(props.subjects)) {
            const key = subject.namespace ? `${subject.kind}/${subject.namespace}/${subject.name}` : `${subject.kind}/${subject.name}`;
            if (!config.allowedSubjects.includes(key)) {
                report(`${key} is bound to cluster-admin.`);
            }
        }
    },
});
