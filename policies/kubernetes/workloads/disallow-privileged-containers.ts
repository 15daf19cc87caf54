import { containersOf, where } from "../../lib/pod-spec";
import { defineWorkloadRule } from "../../lib/workload-rule";

export default defineWorkloadRule({
    name: "disallow-privileged-containers",
    description: "Containers must not run privileged, and Windows pods must not run as HostProcess containers.",
    severity: "critical",
    controls: ["PSS Baseline: Privileged Containers", "PSS Baseline: HostProcess", "CIS K8s 5.2.2"],
    remediation: "Remove `securityContext.privileged: true` and `windowsOptions.hostProcess: true` from the pod and its containers; grant a specific capability only if it is truly needed and allowed.",
    validate(spec, workload, report) {
        if (spec.securityContext?.windowsOptions?.hostProcess === true) {
            report(`${workload.kind} ${workload.name} runs as a Windows HostProcess pod (full access to the node).`);
        }
        for (const ref of containersOf(spec)) {
            if (ref.container.securityContext?.privileged === true) {
                report(`${workload.kind} ${workload.name}: ${where(ref)} is privileged (full access to the node).`);
            }
            if (ref.container.securityContext?.windowsOptions?.hostProcess === true) {
                report(`${workload.kind} ${workload.name}: ${where(ref)} runs as a Windows HostProcess container.`);
            }
        }
    },
});
