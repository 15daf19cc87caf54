import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "disable-default-service-account-token",
    description: "A namespace's default service account must not automount API tokens into pods.",
    severity: "medium",
    controls: ["CIS K8s 5.1.5", "CIS K8s 5.1.6"],
    remediation: "Set `automountServiceAccountToken: false` on the `default` ServiceAccount (kubernetes.core.v1.ServiceAccountPatch) and give workloads that call the API their own service account.",
    resourceTypes: ["kubernetes:core/v1:ServiceAccount", "kubernetes:core/v1:ServiceAccountPatch"],
    validate(props, _context, report) {
        if (props.metadata?.name !== "default") {
            return;
        }
        if (props.automountServiceAccountToken !== false) {
            report(`The default service account of ${props.metadata?.namespace ?? "its namespace"} automounts API tokens into every pod that does not choose another account.`);
        }
    },
});
