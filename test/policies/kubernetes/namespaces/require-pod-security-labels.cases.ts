import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const psa = (level: string, version: string | undefined = "v1.35") => Object.fromEntries((["enforce", "audit", "warn"] as const).flatMap((mode) => [
    [`pod-security.kubernetes.io/${mode}`, level],
    ...(version ? [[`pod-security.kubernetes.io/${mode}-version`, version]] : []),
]));
const namespace = (name: string, labels: Record<string, unknown> | undefined) =>
    resource("kubernetes:core/v1:Namespace", name, { apiVersion: "v1", kind: "Namespace", metadata: { name, ...(labels === undefined ? {} : { labels: labels as never }) } });

export default ruleCases("require-pod-security-labels", {
    compliant: [
        { name: "a namespace enforcing, auditing and warning on restricted, pinned", resources: [namespace("payments", psa("restricted"))] },
        { name: "kube-system, exempt by default", resources: [namespace("kube-system", undefined)] },
        { name: "Istio's CNI agent namespace, exempt by default", resources: [namespace("istio-cni", psa("privileged"))] },
        { name: "an unpinned namespace where the team does not require a pin", resources: [namespace("sandbox", psa("restricted", undefined))], config: { "require-pod-security-labels": { requireVersionPin: false } } },
        {
            name: "a node-agent namespace the team exempts",
            resources: [namespace("monitoring-agents", psa("privileged"))],
            config: { "require-pod-security-labels": { exemptNamespaces: ["kube-system", "istio-cni", "monitoring-agents"] } },
        },
    ],
    violating: [
        { name: "a namespace without labels", resources: [namespace("payments", undefined)], message: /Namespace payments: pod-security\.kubernetes\.io\/enforce is not set\./ },
        { name: "a namespace enforcing baseline", resources: [namespace("legacy", { ...psa("restricted"), "pod-security.kubernetes.io/enforce": "baseline" })], message: /Namespace legacy: pod-security\.kubernetes\.io\/enforce is baseline\./ },
        { name: "a namespace on the latest version", resources: [namespace("drifting", psa("restricted", "latest"))], message: /Namespace drifting: pod-security\.kubernetes\.io\/enforce-version is latest \(pin it, e\.g\. v1\.35\)\./ },
        { name: "a namespace warning only", resources: [namespace("soft", { "pod-security.kubernetes.io/warn": "restricted", "pod-security.kubernetes.io/warn-version": "v1.35" })], message: /Namespace soft: pod-security\.kubernetes\.io\/audit is not set\./ },
    ],
    unknown: [
        { name: "labels not known yet", resources: [namespace("later", unknown as never)] },
    ],
});
