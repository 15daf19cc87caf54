import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { PreflightFinding } from "../../../engine/preflight/finding";
import { objectFieldFindings, objectFieldsCheck } from "../../../engine/preflight/object-fields";
import { KubernetesObject, Plain, PreflightStack } from "../../../engine/preflight/stack";
import { secret, UNKNOWN } from "../../../engine/wire";
import { copyOfObject, handBuilt, onlyFinding, withInputs } from "./object-fixtures";
import { COMMITTED_STACKS, renderStacks, RenderedStack } from "./rendered-stacks";

let stacks: Record<string, RenderedStack>;

before(async () => {
    stacks = await renderStacks();
});

function objectOf(stack: string, kind: string, patch = false): KubernetesObject {
    return copyOfObject(stacks[stack].resources, (o) => o.kind === kind && o.patch === patch, `a ${kind}${patch ? " patch" : ""} in ${stack}`);
}

const only = (findings: PreflightFinding[], path: string) => onlyFinding(findings, path, "object-fields");

function judge(object: KubernetesObject, mutate: (o: Plain) => void): PreflightFinding[] {
    mutate(object.object);
    return objectFieldFindings(object);
}

describe("the built-in objects of every committed stack", () => {
    it("are judged, and the check finds nothing the API server would refuse or drop", () => {
        for (const stack of COMMITTED_STACKS) {
            const findings = objectFieldsCheck.run(new PreflightStack(stacks[stack].resources));
            assert.deepEqual(findings.map((f) => `${f.urn} ${f.path}: ${f.message}`), [], `${stack}: ${JSON.stringify(findings, null, 2)}`);
            assert.deepEqual(stacks[stack].preflight.filter((f) => f.check === "object-fields"), findings, `${stack}: the engine runs the same check`);
        }
    });

    it("include every kind the baseline, the tenants and the storage classes promise", () => {
        const kinds = new Set(COMMITTED_STACKS.flatMap((stack) => new PreflightStack(stacks[stack].resources).kubernetesObjects.map((o) => `${o.kind}${o.patch ? "Patch" : ""}`)));
        for (const kind of ["Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "ServiceAccountPatch", "ServiceAccount", "Role", "RoleBinding", "Secret", "StorageClass"]) {
            assert.ok(kinds.has(kind), `${kind} is rendered`);
        }
    });
});

describe("a NetworkPolicy against the Kubernetes 1.35 OpenAPI", () => {
    it("with a misspelt field reports it as dropped and suggests the declared name", () => {
        const object = objectOf("prod", "NetworkPolicy");
        const finding = only(judge(object, (o) => (o.spec.podSelectr = {})), "spec.podSelectr");
        assert.equal(finding.urn, object.resource.urn);
        assert.match(finding.message, /^unknown field "podSelectr": dropped silently/);
        assert.match(finding.fix, /rename "podSelectr" to "podSelector" under spec of NetworkPolicy .* in infra\/k8s\/secure-namespace\.ts/);
    });

    it("with a wrong type is refused when the server decodes it", () => {
        const finding = only(judge(objectOf("prod", "NetworkPolicy"), (o) => (o.spec.policyTypes = "Ingress")), "spec.policyTypes");
        assert.equal(finding.message, '400 Bad Request: spec.policyTypes: Invalid value: "string": spec.policyTypes in body must be of type array');
    });

    it("with a misspelt field deep in a rule reports the full path", () => {
        const finding = only(judge(objectOf("prod", "NetworkPolicy"), (o) => (o.spec.ingress = [{ from: [{ namespaceSelector: { matchLabel: { a: "b" } } }] }])), "spec.ingress[0].from[0].namespaceSelector.matchLabel");
        assert.match(finding.fix, /rename "matchLabel" to "matchLabels"/);
    });

    it("does not judge what a preview does not know yet", () => {
        assert.deepEqual(objectFieldFindings(withInputs(objectOf("prod", "NetworkPolicy"), (i) => (i.spec.ingress = UNKNOWN))), []);
    });
});

describe("other built-in kinds", () => {
    it("a RoleBinding without roleRef is refused with 422 Required value", () => {
        const finding = only(judge(objectOf("prod", "RoleBinding"), (o) => delete o.roleRef), "roleRef");
        assert.equal(finding.message, "422 Unprocessable Entity: roleRef: Required value");
        assert.match(finding.fix, /set roleRef on RoleBinding/);
    });

    it("a patch requires nothing: it is merged with the live object", () => {
        assert.deepEqual(judge(objectOf("prod", "ServiceAccount", true), (o) => delete o.automountServiceAccountToken), []);
        assert.match(only(judge(objectOf("prod", "ServiceAccount", true), (o) => (o.automountServiceAccountTokn = false)), "automountServiceAccountTokn").fix, /rename "automountServiceAccountTokn" to "automountServiceAccountToken"/);
    });

    it("a Secret whose data is not base64 is refused, without printing the value", () => {
        const finding = only(objectFieldFindings(withInputs(objectOf("prod", "Secret"), (i) => (i.data = { key: secret("not base64!") }))), "data.key");
        assert.match(finding.message, /^422 Unprocessable Entity: data\.key: Invalid value: .* byte$/);
        assert.doesNotMatch(JSON.stringify(finding), /not base64/);
    });

    it("a Deployment teams add is judged down to its containers", () => {
        const object = handBuilt("kubernetes:apps/v1:Deployment", {
            metadata: { name: "api", namespace: "platform" },
            spec: {
                selector: { matchLabels: { app: "api" } },
                template: { metadata: { labels: { app: "api" } }, spec: { containers: [{ name: "api", image: "api:1", resource: { limits: { cpu: 1 } } }] } },
            },
        });
        assert.match(only(objectFieldFindings(object), "spec.template.spec.containers[0].resource").fix, /rename "resource" to "resources"/);
    });

    it("a kind the default Kubernetes version no longer serves is a 404", () => {
        const finding = only(objectFieldFindings(handBuilt("kubernetes:policy/v1beta1:PodDisruptionBudget", { metadata: { name: "x" }, spec: {} })), "apiVersion");
        assert.equal(finding.message, "404 Not Found: Kubernetes 1.35 serves no PodDisruptionBudget in policy/v1beta1");
    });

    it("a Namespace whose name is not a DNS label is refused", () => {
        const finding = only(objectFieldFindings(handBuilt("kubernetes:core/v1:Namespace", { metadata: { name: "tenant.acme" } })), "metadata.name");
        assert.match(finding.message, /a lowercase RFC 1123 label/);
    });
});
