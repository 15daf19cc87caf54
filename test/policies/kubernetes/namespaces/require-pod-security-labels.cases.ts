import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

type Labels = Record<string, unknown>;
const RULE = "require-pod-security-labels";

/** The Pod Security Admission labels: every mode at `level`, each pinned to `version` unless it is null. */
const psa = (level: string, version: string | null = "v1.35"): Labels => Object.fromEntries((["enforce", "audit", "warn"] as const).flatMap((mode) => [
    [`pod-security.kubernetes.io/${mode}`, level],
    ...(version ? [[`pod-security.kubernetes.io/${mode}-version`, version]] : []),
]));

const namespace = (name: string, labels: unknown) =>
    resource("kubernetes:core/v1:Namespace", name, {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name, ...(labels === undefined ? {} : { labels }) },
    });

/** A NamespacePatch (server-side apply onto an existing namespace) setting `labels`. */
const namespacePatch = (name: string, labels: unknown) =>
    resource("kubernetes:core/v1:NamespacePatch", `${name}-patch`, { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });

const team = { "app.kubernetes.io/part-of": "payments", "istio.io/dataplane-mode": "ambient" };

export default ruleCases(RULE, {
    compliant: [
        { name: "a NamespacePatch adding a team label, which leaves the Pod Security labels as they are", resources: [namespacePatch("payments", team)] },
        { name: "a NamespacePatch re-pinning restricted to a newer version", resources: [namespacePatch("payments", psa("restricted", "v1.35"))] },
        { name: "a namespace enforcing, auditing and warning on restricted, pinned", resources: [namespace("payments", { ...team, ...psa("restricted") })] },
        { name: "several namespaces pinned to different minor versions", resources: [namespace("payments", psa("restricted", "v1.35")), namespace("billing", psa("restricted", "v1.33"))] },
        { name: "kube-system, exempt by default", resources: [namespace("kube-system", undefined)] },
        { name: "Istio's CNI agent namespace, exempt by default", resources: [namespace("istio-cni", psa("privileged"))] },
        { name: "an unpinned namespace where the team does not require a pin", resources: [namespace("sandbox", psa("restricted", null))], config: { [RULE]: { requireVersionPin: false } } },
        { name: "a namespace on latest where the team does not require a pin", resources: [namespace("preview", psa("restricted", "latest"))], config: { [RULE]: { requireVersionPin: false } } },
        {
            name: "a node-agent namespace the team exempts",
            resources: [namespace("monitoring-agents", psa("privileged")), namespace("kube-system", undefined)],
            config: { [RULE]: { exemptNamespaces: ["kube-system", "istio-cni", "monitoring-agents"] } },
        },
    ],
    violating: [
        { name: "a NamespacePatch lowering enforcement to privileged", resources: [namespacePatch("payments", { "pod-security.kubernetes.io/enforce": "privileged" })], message: /NamespacePatch payments: pod-security\.kubernetes\.io\/enforce is privileged; expected restricted\./ },
        { name: "a NamespacePatch unpinning the warn version", resources: [namespacePatch("payments", { "pod-security.kubernetes.io/warn-version": "latest" })], message: /NamespacePatch payments: pod-security\.kubernetes\.io\/warn-version is latest/ },
        { name: "a namespace without labels", resources: [namespace("payments", undefined)], message: /Namespace payments: pod-security\.kubernetes\.io\/enforce is not set\./ },
        { name: "a namespace with only its team's labels", resources: [namespace("payments", team)], message: /Namespace payments: pod-security\.kubernetes\.io\/warn is not set\./ },
        {
            name: "a namespace enforcing baseline",
            resources: [namespace("legacy", { ...psa("restricted"), "pod-security.kubernetes.io/enforce": "baseline" })],
            message: /Namespace legacy: pod-security\.kubernetes\.io\/enforce is baseline\./,
        },
        { name: "a namespace privileged in every mode", resources: [namespace("tools", psa("privileged"))], message: /Namespace tools: pod-security\.kubernetes\.io\/audit is privileged\./ },
        { name: "a namespace on the latest version", resources: [namespace("drifting", psa("restricted", "latest"))], message: /Namespace drifting: pod-security\.kubernetes\.io\/enforce-version is latest \(pin it, e\.g\. v1\.35\)\./ },
        { name: "a namespace without version labels", resources: [namespace("unpinned", psa("restricted", null))], message: /Namespace unpinned: pod-security\.kubernetes\.io\/audit-version is not set \(pin it/ },
        {
            name: "a patch-level version, which Pod Security Admission does not accept",
            resources: [namespace("patchlevel", psa("restricted", "v1.35.2"))],
            message: /Namespace patchlevel: pod-security\.kubernetes\.io\/warn-version is v1\.35\.2 \(pin it/,
        },
        {
            name: "a namespace warning only",
            resources: [namespace("soft", { "pod-security.kubernetes.io/warn": "restricted", "pod-security.kubernetes.io/warn-version": "v1.35" })],
            message: /Namespace soft: pod-security\.kubernetes\.io\/audit is not set\./,
        },
        { name: "restricted is still required without a version pin", resources: [namespace("sandbox", psa("baseline", null))], config: { [RULE]: { requireVersionPin: false } }, message: /Namespace sandbox: pod-security\.kubernetes\.io\/enforce is baseline\./ },
        {
            name: "kube-system once the team's exemptions replace the default list",
            resources: [namespace("kube-system", undefined)],
            config: { [RULE]: { exemptNamespaces: ["monitoring-agents"] } },
            message: /Namespace kube-system: pod-security\.kubernetes\.io\/enforce is not set\./,
        },
    ],
    unknown: [
        { name: "labels not known yet", resources: [namespace("later", unknown)] },
        { name: "the enforced level not known yet", resources: [namespace("later", { ...psa("restricted"), "pod-security.kubernetes.io/enforce": unknown })] },
    ],
});
