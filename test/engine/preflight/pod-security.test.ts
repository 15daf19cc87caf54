import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { enforcedPolicy, podSecurityViolations } from "../../../engine/preflight/pod-security";

const restricted = (version: string) => enforcedPolicy({ "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": version });
const COMPLIANT = {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    containers: [{ name: "app", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } }],
};

describe("Pod Security Standards", () => {
    it("admit a compliant pod at restricted and treat a namespace without labels as privileged", () => {
        assert.deepEqual(podSecurityViolations(restricted("v1.35"), {}, COMPLIANT), []);
        assert.equal(enforcedPolicy(undefined).level, "privileged");
    });

    it("apply rules from the version that introduced them", () => {
        const root = { ...COMPLIANT, securityContext: { ...COMPLIANT.securityContext, runAsUser: 0 } };
        assert.deepEqual(podSecurityViolations(restricted("v1.22"), {}, root), []);
        assert.deepEqual(podSecurityViolations(restricted("v1.23"), {}, root), [`runAsUser=0 (pod or container "app" must not set runAsUser=0)`]);
        const probeHost = { ...COMPLIANT, containers: [{ ...COMPLIANT.containers[0], livenessProbe: { httpGet: { host: "10.0.0.1", port: 80 } } }] };
        assert.deepEqual(podSecurityViolations(restricted("v1.33"), {}, probeHost), []);
        assert.match(podSecurityViolations(restricted("v1.34"), {}, probeHost)[0], /probe or lifecycle host \(container "app" uses probe or lifecycle host "10\.0\.0\.1"\)/);
    });

    it("refuse privileged containers and host namespaces at baseline", () => {
        const baseline = enforcedPolicy({ "pod-security.kubernetes.io/enforce": "baseline" });
        const pod = { hostNetwork: true, containers: [{ name: "agent", securityContext: { privileged: true, capabilities: { add: ["NET_ADMIN"] } } }] };
        assert.deepEqual(podSecurityViolations(baseline, {}, pod), [
            "host namespaces (hostNetwork=true)",
            `privileged (container "agent" must not set securityContext.privileged=true)`,
            `non-default capabilities (container "agent" must not include "NET_ADMIN" in securityContext.capabilities.add)`,
        ]);
    });
});
