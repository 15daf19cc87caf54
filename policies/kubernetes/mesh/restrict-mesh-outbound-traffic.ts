import { HELM_TYPES, isIstiodChart, SIDECAR_TYPES } from "../../lib/istio";
import { qualifiedName, withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule } from "../../lib/rule";

// A Sidecar's outboundTrafficPolicy overrides the mesh's for the workloads it selects (the namespace's,
// without a workloadSelector; Sidecar.outboundTrafficPolicy in the pinned CRD, istio 1.29.0).
const sidecarTypes = withPatches(SIDECAR_TYPES);

export default defineResourceRule({
    name: "restrict-mesh-outbound-traffic",
    description: "istiod must be installed with outboundTrafficPolicy REGISTRY_ONLY, and no Sidecar may set ALLOW_ANY for its workloads, so workloads reach only services the mesh knows.",
    severity: "medium",
    controls: ["EKS BP encryption-in-transit", "Istio BP securing-egress-traffic"],
    remediation: "Set the istiod chart value `meshConfig.outboundTrafficPolicy.mode: REGISTRY_ONLY`, remove `outboundTrafficPolicy.mode: ALLOW_ANY` from Sidecar resources, and declare external destinations as ServiceEntries.",
    resourceTypes: [...HELM_TYPES, ...sidecarTypes],
    validate(props, { type }, report) {
        if (sidecarTypes.includes(type)) {
            const mode = props.spec?.outboundTrafficPolicy?.mode;
            if (mode === "ALLOW_ANY") {
                report(`Sidecar ${qualifiedName(props)} sets outboundTrafficPolicy.mode ALLOW_ANY: the workloads it selects may call any host, overriding the mesh's REGISTRY_ONLY. Expected REGISTRY_ONLY or no outboundTrafficPolicy.`);
            }
            return;
        }
        if (!isIstiodChart(type, props)) {
            return;
        }
        const mode = props.values?.meshConfig?.outboundTrafficPolicy?.mode;
        if (mode !== "REGISTRY_ONLY") {
            report(`istiod values set meshConfig.outboundTrafficPolicy.mode ${mode ?? "not at all (ALLOW_ANY by default)"}: any workload may call any host.`);
        }
    },
});
