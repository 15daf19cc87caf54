import { withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

export default defineResourceRule({
    name: "disallow-wildcard-rbac",
    description: "Roles and ClusterRoles must name their API groups, resources and verbs instead of using \"*\".",
    severity: "high",
    controls: ["CIS K8s 5.1.3"],
    remediation: "Replace each \"*\" in the rule's apiGroups, resources and verbs with the exact values the subject needs.",
    resourceTypes: withPatches(["kubernetes:rbac.authorization.k8s.io/v1:Role", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"]),
    validate(props, _context, report) {
        list(props.rules).forEach((rule, index) => {
            // RBAC also reads "*/<subresource>" as that subresource of every resource.
            const isWild = (field: string, value: string) => value === "*" || (field === "resources" && value.startsWith("*/"));
            const wild = (["apiGroups", "resources", "verbs", "nonResourceURLs"] as const).filter((field) => list(rule[field]).map(String).some((v) => isWild(field, v)));
            if (wild.length > 0) {
                report(`Rule ${index} uses "*" in ${wild.join(", ")}.`);
            }
        });
    },
});
