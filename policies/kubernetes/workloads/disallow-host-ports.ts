import { containersOf, where } from "../../lib/pod-spec";
import { list } from "../../lib/values";
import { defineWorkloadRule } from "../../lib/workload-rule";

export default defineWorkloadRule({
    name: "disallow-host-ports",
    description: "Containers must not bind ports on the node (hostPort).",
    severity: "medium",
    controls: ["PSS Baseline: Host Ports", "CIS K8s 5.2.13"],
    remediation: "Remove `hostPort` from the container's ports and expose the port through a Service.",
    validate(spec, workload, report) {
        for (const ref of containersOf(spec)) {
            for (const port of list(ref.container.ports)) {
                if (port.hostPort !== undefined && Number(port.hostPort) !== 0) {
                    report(`${workload.kind} ${workload.name}: ${where(ref)} binds host port ${port.hostPort}.`);
                }
            }
        }
    },
});
