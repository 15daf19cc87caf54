import { containersOf, effective, where } from "../../lib/pod-spec";
import { defineWorkloadRule } from "../../lib/workload-rule";

export default defineWorkloadRule({
    name: "require-run-as-non-root",
    description: "Containers must run as a non-root user: runAsNonRoot true and never user 0.",
    severity: "high",
    controls: ["PSS Restricted: Running as Non-root", "PSS Restricted: Running as Non-root user", "CIS K8s 5.2.7"],
    remediation: "Set `securityContext.runAsNonRoot: true` on the pod (or every container) and a non-zero `runAsUser`, using an image that runs as a non-root user.",
    validate(spec, workload, report) {
        for (const ref of containersOf(spec)) {
            const nonRoot = effective(spec, ref.container, "runAsNonRoot");
            const user = effective(spec, ref.container, "runAsUser");
            if (nonRoot !== true) {
                report(`${workload.kind} ${workload.name}: ${where(ref)} does not set runAsNonRoot: true.`);
            }
            if (user !== undefined && Number(user) === 0) {
                report(`${workload.kind} ${workload.name}: ${where(ref)} runs as user 0 (root).`);
            }
        }
    },
});
