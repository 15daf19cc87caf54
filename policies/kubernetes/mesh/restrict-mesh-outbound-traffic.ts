import { HELM_TYPES, isIstiodChart } from "../../lib/istio";
import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "restrict-mesh-outbound-traffic",
    description: "istiod must be installed with outboundTrafficPolicy REGISTRY_ONLY, so workloads reach only services the mesh knows.",
    severity: "medium",
    controls: ["EKS BP encryption-in-transit"],
    remediation: "Set the istiod chart value `meshConfig.outboundTrafficPolicy.mode: REGISTRY_ONLY` and declare external destinations as ServiceEntries.",
    resourceTypes: [...HELM_TYPES],
    validate(props, { type }, report) {
        if (!isIstiodChart(type, props)) {
            return;
        }
        const mode = props.values?.meshConfig?.outboundTrafficPolicy?.mode;
        if (mode !== "REGISTRY_ONLY") {
            report(`istiod values set meshConfig.outboundTrafficPolicy.mode ${mode ?? "not at all (ALLOW_ANY by default)"}: any workload may call any host.`);
        }
    },
});
