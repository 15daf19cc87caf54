import { HELM_TYPES, isIstiodChart } from "../../lib/istio";
import { defineResourceRule } from "../../lib/rule";

const ORDER = ["TLSV1_0", "TLSV1_1", "TLSV1_2", "TLSV1_3"];

export default defineResourceRule<{ minimumVersion: string }>({
    name: "require-mesh-min-tls-version",
    description: "istiod must set the minimum TLS version of mesh mTLS (meshConfig.meshMTLS.minProtocolVersion) to the required version or newer.",
    severity: "medium",
    controls: ["EKS BP encryption-in-transit"],
    remediation: "Set the istiod chart value `meshConfig.meshMTLS.minProtocolVersion: TLSV1_3`.",
    config: {
        minimumVersion: { type: "string", enum: ["TLSV1_2", "TLSV1_3"], default: "TLSV1_3", description: "The oldest TLS version mesh mTLS may negotiate." },
    },
    resourceTypes: [...HELM_TYPES],
    validate(props, { type, config }, report) {
        if (!isIstiodChart(type, props)) {
            return;
        }
        const version = props.values?.meshConfig?.meshMTLS?.minProtocolVersion;
        // Istio's default minimum for mesh mTLS is TLS 1.2.
        if (ORDER.indexOf(version ?? "TLSV1_2") < ORDER.indexOf(config.minimumVersion)) {
            report(`istiod values set meshConfig.meshMTLS.minProtocolVersion ${version ?? "not at all (TLSV1_2 by default)"}; ${config.minimumVersion} or newer is required.`);
        }
    },
});
