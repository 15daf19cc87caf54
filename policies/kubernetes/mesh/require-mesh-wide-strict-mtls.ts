import { PEER_AUTHENTICATION_TYPES, usesIstio } from "../../lib/istio";
import { defineStackRule } from "../../lib/rule";

export default defineStackRule<{ rootNamespace: string }>({
    name: "require-mesh-wide-strict-mtls",
    description: "A stack that installs Istio must declare a mesh-wide PeerAuthentication in the root namespace with mode STRICT, so every namespace is covered.",
    severity: "high",
    controls: ["EKS BP encryption-in-transit"],
    remediation: "Add a PeerAuthentication named `default` in the mesh root namespace (istio-system) with no selector and `spec.mtls.mode: STRICT`.",
    config: {
        rootNamespace: { type: "string", default: "istio-system", description: "The mesh's root namespace (meshConfig.rootNamespace)." },
    },
    validate(resources, { config }, report) {
        if (!usesIstio(resources)) {
            return;
        }
        const meshWide = resources.filter((r) => (PEER_AUTHENTICATION_TYPES as readonly string[]).includes(r.type)
            && r.props.metadata?.namespace === config.rootNamespace
            && r.props.spec?.selector === undefined);
        if (meshWide.length === 0) {
            report(undefined, `The stack installs Istio but has no selector-less PeerAuthentication in ${config.rootNamespace}: plaintext is accepted wherever a namespace does not opt in.`);
            return;
        }
        // With several mesh-wide policies Istio applies only the oldest, so every one must be STRICT.
        for (const policy of meshWide.filter((r) => r.props.spec?.mtls?.mode !== "STRICT")) {
            report(policy, `The mesh-wide PeerAuthentication ${config.rootNamespace}/${policy.props.metadata?.name ?? "(unnamed)"} is not STRICT (mode ${policy.props.spec?.mtls?.mode ?? "UNSET, i.e. PERMISSIVE"}).`);
        }
    },
});
