import { defineWorkloadRule } from "../../lib/workload-rule";

export default defineWorkloadRule({
    name: "disallow-host-namespaces",
    description: "Pods must not share the node's network, process or IPC namespaces.",
    severity: "high",
    controls: ["PSS Baseline: Host Namespaces", "CIS K8s 5.2.3", "CIS K8s 5.2.4", "CIS K8s 5.2.5"],
    remediation: "Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec (or set them to false).",
    validate(spec, workload, report) {
        const shared = (["hostNetwork", "hostPID", "hostIPC"] as const).filter((field) => spec[field] === true);
        if (shared.length > 0) {
            report(`${workload.kind} ${workload.name} sets ${shared.join(", ")}: it can see and reach the node's ${shared.map((f) => f.slice(4)).join(", ")}.`);
        }
    },
});
