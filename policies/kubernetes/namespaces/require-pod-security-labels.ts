import { defineResourceRule } from "../../lib/rule";

const MODES = ["enforce", "audit", "warn"] as const;

export default defineResourceRule<{ exemptNamespaces: string[]; requireVersionPin: boolean }>({
    name: "require-pod-security-labels",
    description: "Namespaces must enforce, audit and warn on the restricted Pod Security Standard, with a pinned version.",
    severity: "high",
    controls: ["CIS K8s 5.2.1"],
    remediation: "Label the namespace (or set in its NamespacePatch) `pod-security.kubernetes.io/enforce`, `audit` and `warn` = `restricted`, each with a `-version` label such as `v1.35`.",
    config: {
        exemptNamespaces: {
            type: "array",
            items: { type: "string" },
            // kube-system hosts the cluster's own node agents; istio-cni is where Istio's CNI node agent
            // runs, the privileged component that lets every application pod stay restricted.
            default: ["kube-system", "istio-cni"],
            description: "Namespaces that must host privileged node agents (kube-system, Istio's CNI agent); give each addition's reason in your pack config.",
        },
        requireVersionPin: { type: "boolean", default: true, description: "Require `<mode>-version` labels so an upgrade cannot silently change the standard." },
    },
    // A NamespacePatch (server-side apply onto a namespace the stack or the cluster made) changes only the
    // labels it sets, so it is judged on those: lowering a level or unpinning a version is as bad there.
    resourceTypes: ["kubernetes:core/v1:Namespace", "kubernetes:core/v1:NamespacePatch"],
    validate(props, { type, config }, report) {
        const name = String(props.metadata?.name ?? "");
        if (config.exemptNamespaces.includes(name)) {
            return;
        }
        const labels = props.metadata?.labels ?? {};
        const patch = type.endsWith("Patch");
        for (const mode of MODES) {
            const level = labels[`pod-security.kubernetes.io/${mode}`];
            if (patch) {
                const version = labels[`pod-security.kubernetes.io/${mode}-version`];
                if (level !== undefined && level !== "restricted") {
                    report(`NamespacePatch ${name}: pod-security.kubernetes.io/${mode} is ${level}; expected restricted.`);
                }
                if (version !== undefined && config.requireVersionPin && !/^v1\.\d+$/.test(String(version))) {
                    report(`NamespacePatch ${name}: pod-security.kubernetes.io/${mode}-version is ${version} (pin it, e.g. v1.35).`);
                }
                continue;
            }
            if (level !== "restricted") {
                report(`Namespace ${name}: pod-security.kubernetes.io/${mode} is ${level ?? "not set"}.`);
            } else if (config.requireVersionPin && !/^v1\.\d+$/.test(String(labels[`pod-security.kubernetes.io/${mode}-version`] ?? ""))) {
                report(`Namespace ${name}: pod-security.kubernetes.io/${mode}-version is ${labels[`pod-security.kubernetes.io/${mode}-version`] ?? "not set"} (pin it, e.g. v1.35).`);
            }
        }
    },
});
