import { PEER_AUTHENTICATION_TYPES } from "../../lib/istio";
import { withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule } from "../../lib/rule";

const WEAK = ["PERMISSIVE", "DISABLE"];

export default defineResourceRule({
    name: "require-strict-mtls",
    description: "Istio PeerAuthentication policies must not accept plaintext: no PERMISSIVE or DISABLE mode, for the workload or any port.",
    severity: "high",
    controls: ["EKS BP encryption-in-transit"],
    remediation: "Set `spec.mtls.mode: STRICT` (or leave it UNSET to inherit the mesh-wide STRICT policy) and remove PERMISSIVE/DISABLE entries from `spec.portLevelMtls`.",
    // A PeerAuthenticationPatch (server-side apply onto an existing policy) is judged on what it sets.
    resourceTypes: withPatches(PEER_AUTHENTICATION_TYPES),
    validate(props, _context, report) {
        const name = `PeerAuthentication ${props.metadata?.namespace ?? "default"}/${props.metadata?.name ?? "(unnamed)"}`;
        const mode = props.spec?.mtls?.mode;
        if (WEAK.includes(mode)) {
            report(`${name} sets mtls.mode ${mode}: workloads it selects accept plaintext traffic.`);
        }
        for (const [port, setting] of Object.entries(props.spec?.portLevelMtls ?? {})) {
            const portMode = (setting as { mode?: string } | undefined)?.mode;
            if (portMode !== undefined && WEAK.includes(portMode)) {
                report(`${name} sets portLevelMtls[${port}].mode ${portMode}: that port accepts plaintext traffic.`);
            }
        }
    },
});
