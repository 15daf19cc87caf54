/**
 * A prod stack with 200 tenants still passes the check, and every tenant gets the whole baseline:
 * its namespace (PSA restricted, sidecar injection), default-deny for ingress and egress, quota and
 * limits, the default service account without a token, its role and binding, and mesh authorization,
 * all under the mesh-wide STRICT PeerAuthentication with no namespace weakening it.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ROOT } from "../harness/cli";
import { CheckResult, runCheck } from "../../engine/engine";
import type { RecordedResource } from "../../engine/program";

const TENANTS = 200;
const names = Array.from({ length: TENANTS }, (_, i) => `customer-${String(i).padStart(3, "0")}`);
let result: CheckResult;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const meta = (r: RecordedResource): any => (r.inputs.metadata ?? {}) as any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const spec = (r: RecordedResource): any => (r.inputs.spec ?? {}) as any;
const inNamespace = (type: string, namespace: string) =>
    result.resources.filter((r) => r.type === type && meta(r).namespace === namespace);

before(async () => {
    result = await runCheck({
        root: ROOT,
        stack: "prod",
        configOverrides: { "secure-platform:tenants": JSON.stringify(names.map((name) => ({ name }))) },
    });
});

describe(`a prod stack with ${TENANTS} tenants`, () => {
    it("has no violation", () => {
        assert.deepEqual(result.violations.map((v) => `${v.policyName}: ${v.urn}`), []);
    });

    it("keeps the mesh-wide STRICT mTLS policy and no weaker one anywhere", () => {
        const peerAuthentications = result.resources.filter((r) => r.type === "kubernetes:security.istio.io/v1:PeerAuthentication");
        const meshWide = peerAuthentications.filter((r) => meta(r).namespace === "istio-system" && spec(r).selector === undefined);
        assert.equal(meshWide.length, 1);
        assert.equal(spec(meshWide[0]).mtls.mode, "STRICT");
        assert.deepEqual(peerAuthentications.filter((r) => spec(r).mtls?.mode !== "STRICT"), []);
    });

    for (const name of [names[0], names[99], names[TENANTS - 1]]) {
        it(`gives tenant ${name} the full baseline`, () => {
            const ns = `tenant-${name}`;
            const namespace = result.resources.find((r) => r.type === "kubernetes:core/v1:Namespace" && meta(r).name === ns);
            assert.ok(namespace, `${ns} exists`);
            assert.equal(meta(namespace).labels["pod-security.kubernetes.io/enforce"], "restricted");
            assert.equal(meta(namespace).labels["istio-injection"], "enabled");
            const denyAll = inNamespace("kubernetes:networking.k8s.io/v1:NetworkPolicy", ns)
                .filter((r) => Object.keys(spec(r).podSelector ?? {}).length === 0 && !spec(r).ingress && !spec(r).egress);
            assert.deepEqual(denyAll.map((r) => spec(r).policyTypes), [["Ingress", "Egress"]]);
            assert.equal(inNamespace("kubernetes:core/v1:ResourceQuota", ns).length, 1);
            assert.equal(inNamespace("kubernetes:core/v1:LimitRange", ns).length, 1);
            assert.equal(inNamespace("kubernetes:core/v1:ServiceAccountPatch", ns)[0]?.inputs.automountServiceAccountToken, false);
            assert.equal(inNamespace("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", ns).length, 1);
            const authz = inNamespace("kubernetes:security.istio.io/v1:AuthorizationPolicy", ns);
            assert.deepEqual(authz.map((r) => spec(r).rules[0].from[0].source.namespaces), [["istio-ingress", ns]]);
        });
    }

    it("creates every tenant's namespace and default-deny policy", () => {
        const denied = new Set(result.resources
            .filter((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy" && meta(r).name === "default-deny")
            .map((r) => meta(r).namespace));
        assert.deepEqual(names.filter((n) => !denied.has(`tenant-${n}`)), []);
    });
});
