import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { customResourceFindings, customResourcesCheck } from "../../../engine/preflight/custom-resources";
import type { PreflightFinding } from "../../../engine/preflight/finding";
import { KubernetesObject, Plain, PreflightStack } from "../../../engine/preflight/stack";
import { secret, UNKNOWN } from "../../../engine/wire";
import { copyOfObject, handBuilt, onlyFinding, withInputs } from "./object-fixtures";
import { COMMITTED_STACKS, renderStacks, RenderedStack } from "./rendered-stacks";

let stacks: Record<string, RenderedStack>;

before(async () => {
    stacks = await renderStacks();
});

/** A fresh copy of the first object of a kind in a rendered stack, to mutate. */
function objectOf(stack: string, kind: string): KubernetesObject {
    return copyOfObject(stacks[stack].resources, (o) => o.kind === kind, `a ${kind} in ${stack}`);
}

const only = (findings: PreflightFinding[], path: string) => onlyFinding(findings, path, "custom-resources");

function judge(object: KubernetesObject, mutate: (o: Plain) => void): PreflightFinding[] {
    mutate(object.object);
    return customResourceFindings(object);
}

describe("the custom resources of every committed stack", () => {
    it("are judged, and the check finds nothing the API server would refuse or drop", () => {
        for (const stack of COMMITTED_STACKS) {
            const preflight = new PreflightStack(stacks[stack].resources);
            const kinds = new Set(preflight.kubernetesObjects.map((o) => o.kind));
            for (const kind of ["PerconaServerMongoDB", "PeerAuthentication", "AuthorizationPolicy", "Gateway", "ClusterImagePolicy"]) {
                assert.ok(kinds.has(kind), `${stack} renders a ${kind}`);
            }
            const findings = customResourcesCheck.run(preflight);
            assert.deepEqual(findings.map((f) => `${f.urn} ${f.path}: ${f.message}`), [], `${stack}: ${JSON.stringify(findings, null, 2)}`);
            assert.deepEqual(stacks[stack].preflight.filter((f) => f.check === "custom-resources"), findings, `${stack}: the engine runs the same check`);
        }
    });

    it("include the snapshot classes and schedules of both variants", () => {
        assert.ok(new PreflightStack(stacks.prod.resources).objectsOfKind("VolumeSnapshotClass").length > 0);
        assert.ok(new PreflightStack(stacks.onprem.resources).objectsOfKind("SnapshotSchedule").length > 0);
    });
});

describe("a PerconaServerMongoDB against the pinned operator CRD", () => {
    it("without spec.pmm.image is refused with 422 Required value, naming the component that creates it", () => {
        const object = objectOf("prod", "PerconaServerMongoDB");
        const finding = only(judge(object, (o) => delete o.spec.pmm.image), "spec.pmm.image");
        assert.equal(finding.urn, object.resource.urn);
        assert.equal(finding.message, "422 Unprocessable Entity: spec.pmm.image: Required value");
        assert.match(finding.fix, /set spec\.pmm\.image .*infra\/k8s\/mongodb\/percona-mongodb\.ts/);
        assert.match(finding.fix, /percona-server-mongodb-operator@1\.22\.0\/crd\.yaml/);
    });

    it("with a misspelt field reports it as pruned and suggests the declared name", () => {
        const finding = only(judge(objectOf("prod", "PerconaServerMongoDB"), (o) => (o.spec.replsets[0].nodeSelectr = o.spec.replsets[0].nodeSelector)), "spec.replsets[0].nodeSelectr");
        assert.equal(finding.message, 'unknown field "nodeSelectr": pruned silently by structural pruning');
        assert.match(finding.fix, /rename "nodeSelectr" to "nodeSelector" under spec\.replsets\[0\]/);
    });

    it("with a wrong type is refused, naming the expected type and not the value", () => {
        const finding = only(judge(objectOf("dev", "PerconaServerMongoDB"), (o) => (o.spec.replsets[0].size = "three")), "spec.replsets[0].size");
        assert.match(finding.message, /^422 Unprocessable Entity: spec\.replsets\[0\]\.size: Invalid value: "string": .* must be of type integer$/);
        assert.doesNotMatch(finding.message, /three/);
    });

    it("in a version the CRD declares but no longer serves is a 404", () => {
        const object = objectOf("dev", "PerconaServerMongoDB");
        const finding = only(customResourceFindings({ ...object, apiVersion: "psmdb.percona.com/v1-2-0" }), "apiVersion");
        assert.match(finding.message, /^404 Not Found: .* declares but does not serve version v1-2-0/);
        assert.match(finding.fix, /use apiVersion psmdb\.percona\.com\/v1/);
    });

    it("keeps secrets out of every message", () => {
        const findings = customResourceFindings(withInputs(objectOf("prod", "PerconaServerMongoDB"), (i) => (i.spec.replsets[0].size = secret("hunter2-not-a-number"))));
        assert.match(only(findings, "spec.replsets[0].size").message, /Invalid value: "string"/);
        assert.doesNotMatch(JSON.stringify(findings), /hunter2/);
    });

    it("does not judge what a preview does not know yet", () => {
        assert.deepEqual(customResourceFindings(withInputs(objectOf("prod", "PerconaServerMongoDB"), (i) => {
            i.spec.replsets[0].size = UNKNOWN;
            i.spec.pmm = UNKNOWN;
        })), []);
    });
});

describe("Istio resources against the pinned Istio CRDs", () => {
    it("with a bad enum value are refused, listing the supported values", () => {
        const finding = only(judge(objectOf("prod", "PeerAuthentication"), (o) => (o.spec.mtls.mode = "STRICTLY")), "spec.mtls.mode");
        assert.equal(finding.message, '422 Unprocessable Entity: spec.mtls.mode: Unsupported value: supported values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT"');
        assert.match(finding.fix, /infra\/k8s\/mesh\/istio-mesh\.ts/);
    });

    it("breaking a CEL rule of the CRD are refused with the rule's message", () => {
        // PeerAuthentication's spec rule: "portLevelMtls requires selector".
        const finding = only(judge(objectOf("prod", "PeerAuthentication"), (o) => (o.spec.portLevelMtls = { "8080": { mode: "STRICT" } })), "spec");
        assert.equal(finding.message, '422 Unprocessable Entity: spec: Invalid value: "object": portLevelMtls requires selector');
        assert.match(finding.fix, /x-kubernetes-validations rule at spec .*istio@1\.29\.0\/crd-all\.gen\.yaml/);
    });

    it("breaking a CEL rule on a map's keys are refused at the map", () => {
        // The same CRD's portLevelMtls keys must be ports: `self.all(key, 0 < int(key) && int(key) <= 65535)`.
        const findings = judge(objectOf("prod", "PeerAuthentication"), (o) => {
            o.spec.selector = { matchLabels: { app: "x" } };
            o.spec.portLevelMtls = { "70000": { mode: "STRICT" } };
        });
        assert.match(only(findings, "spec.portLevelMtls").message, /^422 Unprocessable Entity: spec\.portLevelMtls: Invalid value: "object": /);
    });

    it("with a misspelt field in an AuthorizationPolicy report it as pruned", () => {
        const finding = only(judge(objectOf("prod", "AuthorizationPolicy"), (o) => (o.spec.actoin = "DENY")), "spec.actoin");
        assert.match(finding.fix, /rename "actoin" to "action"/);
    });
});

describe("custom resources the pinned CRDs do not define", () => {
    it("of an unpinned group are a 404 unless something installs their CRD", () => {
        const finding = only(customResourceFindings(handBuilt("kubernetes:cert-manager.io/v1:Certificate", { metadata: { name: "gateway" }, spec: {} })), "apiVersion");
        assert.match(finding.message, /^404 Not Found: no CRD of group cert-manager\.io is pinned/);
        assert.match(finding.fix, /pin the CRD that defines Certificate/);
    });

    it("of a pinned group but an unknown kind are a 404 naming the kinds it has", () => {
        const finding = only(customResourceFindings(handBuilt("kubernetes:security.istio.io/v1:AuthorisationPolicy", { metadata: { name: "x" }, spec: {} })), "apiVersion");
        assert.match(finding.fix, /AuthorizationPolicy/);
    });
});

describe("metadata of custom resources", () => {
    it("with a name the API server refuses is reported, without the name", () => {
        const finding = only(customResourceFindings(handBuilt("kubernetes:security.istio.io/v1:PeerAuthentication", { metadata: { name: "Default_Policy", namespace: "istio-system" }, spec: {} })), "metadata.name");
        assert.match(finding.message, /^422 Unprocessable Entity: metadata\.name: Invalid value: a lowercase RFC 1123 subdomain/);
        assert.doesNotMatch(finding.message, /Default_Policy/);
    });

    it("with a field ObjectMeta does not declare is reported as dropped", () => {
        const finding = only(customResourceFindings(handBuilt("kubernetes:security.istio.io/v1:PeerAuthentication", { metadata: { name: "default", namespace: "istio-system", label: { a: "b" } }, spec: {} })), "metadata.label");
        assert.match(finding.fix, /rename "label" to "labels"/);
    });

    it("of a patch need a name: nothing can generate it", () => {
        const object = handBuilt("kubernetes:security.istio.io/v1:PeerAuthenticationPatch", { metadata: { namespace: "istio-system" }, spec: { mtls: { mode: "STRICT" } } });
        assert.equal(object.patch, true);
        assert.equal(only(customResourceFindings(object), "metadata.name").message, "422 Unprocessable Entity: metadata.name: Required value: name or generateName is required");
    });
});
