import { containersOf, effective, where } from "../../lib/pod-spec";
import type { Props } from "../../lib/rule";
import { defineWorkloadRule } from "../../lib/workload-rule";

export default defineWorkloadRule({
    name: "require-seccomp-profile",
    description: "Containers must run with the RuntimeDefault (or a Localhost) seccomp profile.",
    severity: "medium",
    controls: ["PSS Restricted: Seccomp", "CIS K8s 5.7.2"],
    remediation: "Set `securityContext.seccompProfile: { type: \"RuntimeDefault\" }` on the pod (or on every container).",
    validate(spec, workload, report) {
        for (const ref of containersOf(spec)) {
            const profile = effective(spec, ref.container, "seccompProfile") as Props | undefined;
            const type = profile?.type;
            if (type !== "RuntimeDefault" && type !== "Localhost") {
                report(`${workload.kind} ${workload.name}: ${where(ref)} has seccomp profile ${type ?? "not set (Unconfined)"}.`);
            }
        }
    },
});
