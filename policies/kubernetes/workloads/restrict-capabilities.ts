import { containersOf, where } from "../../lib/pod-spec";
import { list } from "../../lib/values";
import { defineWorkloadRule } from "../../lib/workload-rule";

export default defineWorkloadRule<{ allowedCapabilities: string[] }>({
    name: "restrict-capabilities",
    description: "Containers must drop ALL capabilities and add back at most NET_BIND_SERVICE.",
    severity: "high",
    controls: ["PSS Restricted: Capabilities", "PSS Baseline: Capabilities", "CIS K8s 5.2.8", "CIS K8s 5.2.9"],
    remediation: "Set `securityContext.capabilities: { drop: [\"ALL\"] }` on every container and add only NET_BIND_SERVICE if the process binds a port below 1024.",
    config: {
        allowedCapabilities: {
            type: "array",
            items: { type: "string" },
            default: ["NET_BIND_SERVICE"],
            description: "Capabilities a container may add back (the restricted profile allows only NET_BIND_SERVICE).",
        },
    },
    validate(spec, workload, report) {
        for (const ref of containersOf(spec)) {
            const capabilities = ref.container.securityContext?.capabilities ?? {};
            const dropped = list(capabilities.drop).map(String);
            if (!dropped.includes("ALL")) {
                report(`${workload.kind} ${workload.name}: ${where(ref)} does not drop ALL capabilities (drops ${dropped.length > 0 ? dropped.join(", ") : "none"}).`);
            }
            const added = list(capabilities.add).map(String).filter((c) => !workload.config.allowedCapabilities.includes(c.replace(/^CAP_/, "")));
            if (added.length > 0) {
                report(`${workload.kind} ${workload.name}: ${where(ref)} adds ${added.join(", ")}.`);
            }
        }
    },
});
