import { containersOf, where } from "../../lib/pod-spec";
import { defineWorkloadRule } from "../../lib/workload-rule";

export default defineWorkloadRule({
    name: "disallow-privilege-escalation",
    description: "Containers must set allowPrivilegeEscalation to false.",
    severity: "high",
    controls: ["PSS Restricted: Privilege Escalation", "CIS K8s 5.2.6"],
    remediation: "Set `securityContext.allowPrivilegeEscalation: false` on every container, init container included.",
    validate(spec, workload, report) {
        for (const ref of containersOf(spec)) {
            if (ref.container.securityContext?.allowPrivilegeEscalation !== false) {
                report(`${workload.kind} ${workload.name}: ${where(ref)} has allowPrivilegeEscalation ${ref.container.securityContext?.allowPrivilegeEscalation ?? "not set (true)"}.`);
            }
        }
    },
});
