import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import type { PreflightFinding } from "../../../engine/preflight/finding";
import { helmValuesCheck, valueBuilder, valuesPath } from "../../../engine/preflight/helm-values";
import type { RecordedResource } from "../../../engine/program";
import { Plain, PreflightStack } from "../../../engine/preflight/stack";
import { UNKNOWN } from "../../../engine/wire";
import { ROOT } from "../../harness/cli";
import { COMMITTED_STACKS, renderStacks, RenderedStack } from "./rendered-stacks";

let stacks: Record<string, RenderedStack>;

before(async () => {
    stacks = await renderStacks();
});

const RELEASE = "kubernetes:helm.sh/v3:Release";

/** The stack with one Helm release's inputs changed (by its release name). */
function withRelease(stack: string, releaseName: string, change: (inputs: Plain) => void): PreflightStack {
    let found = false;
    const resources = stacks[stack].resources.map((resource): RecordedResource => {
        if (resource.type !== RELEASE || resource.inputs.name !== releaseName) {
            return resource;
        }
        found = true;
        const inputs = structuredClone(resource.inputs) as Plain;
        change(inputs);
        return { ...resource, inputs };
    });
    assert.ok(found, `${stack} installs a release named ${releaseName}`);
    return new PreflightStack(resources);
}

/** `release path` of each finding, for comparing lists. */
function where(findings: readonly PreflightFinding[]): string[] {
    return findings.map((f) => `${f.urn.split("::").pop()} ${f.path}`);
}

function newFindings(stack: PreflightStack, baseline: string): PreflightFinding[] {
    const before = new Set(where(helmValuesCheck.run(new PreflightStack(stacks[baseline].resources))));
    return helmValuesCheck.run(stack).filter((f) => !before.has(where([f])[0]));
}

describe("helm-values on the committed stacks", () => {
    it("find no value a chart would ignore or refuse", () => {
        for (const stack of COMMITTED_STACKS) {
            const findings = helmValuesCheck.run(new PreflightStack(stacks[stack].resources));
            assert.deepEqual(where(findings), [], `${stack}: ${JSON.stringify(findings, null, 2)}`);
        }
    });

    it("are what the engine's own preflight reports", () => {
        for (const stack of COMMITTED_STACKS) {
            const fromEngine = stacks[stack].preflight.filter((f) => f.check === "helm-values");
            assert.deepEqual(fromEngine, helmValuesCheck.run(new PreflightStack(stacks[stack].resources)), stack);
        }
    });

    it("judge every release of every stack against a pinned chart", () => {
        for (const stack of COMMITTED_STACKS) {
            const preflight = new PreflightStack(stacks[stack].resources);
            assert.ok(preflight.helmReleases.length >= 5, `${stack} installs the mesh and the operator`);
            assert.deepEqual(helmValuesCheck.run(preflight).filter((f) => f.path === "version"), [], stack);
        }
    });
});

describe("helm-values on seeded mistakes", () => {
    it("reports a value the chart never reads, naming the release, the path and the function that builds it", () => {
        const findings = newFindings(withRelease("prod", "istiod", (inputs) => {
            inputs.values.pilot.resourcez = { requests: { cpu: "1" } };
        }), "prod");
        assert.deepEqual(where(findings), ["istiod values.pilot.resourcez"]);
        assert.match(findings[0].message, /release istiod \(chart istiod 1\.29\.0\): the chart never reads pilot\.resourcez/);
        assert.match(findings[0].fix, /^remove pilot\.resourcez from istiodValues \(infra\/k8s\/mesh\/istio-mesh\.ts\)/);
    });

    it("reports the value the cni chart ignores that the program used to pass, and where it is built", () => {
        const findings = newFindings(withRelease("dev", "istio-cni", (inputs) => {
            inputs.values.global.istioNamespace = "istio-system";
        }), "dev");
        assert.deepEqual(where(findings), ["istio-cni values.global.istioNamespace"]);
        assert.equal(findings[0].refusedBy, "the chart");
        assert.match(findings[0].message, /^release istio-cni \(chart cni 1\.29\.0\): the chart never reads global\.istioNamespace .* so the value has no effect$/);
        assert.match(findings[0].fix, /the `istio-cni` release's values in IstioMesh \(infra\/k8s\/mesh\/istio-mesh\.ts\)/);
    });

    it("reports a misplaced block once, at its top", () => {
        const findings = newFindings(withRelease("dev", "istiod", (inputs) => {
            inputs.values.pilots = { autoscaleMax: 3, resources: { requests: { cpu: "1" } } };
        }), "dev");
        assert.deepEqual(where(findings), ["istiod values.pilots"]);
    });

    it("reports a key the gateway chart neither reads nor allows twice: unread, and refused by its schema", () => {
        const findings = newFindings(withRelease("dev", "istio-ingress", (inputs) => {
            inputs.values.autoscale = { enabled: true, maxReplicas: 3 };
        }), "dev");
        assert.deepEqual(findings.map((f) => `${f.path} ${f.refusedBy}`).sort(), ["values.autoscale Helm", "values.autoscale the chart"]);
        assert.match(findings.find((f) => f.refusedBy === "Helm")!.message, /must NOT have additional properties/);
    });

    it("accepts values the chart reads whole or copies where it reads them", () => {
        const stack = withRelease("dev", "istio-ingress", (inputs) => {
            inputs.values.nodeSelector = { "kubernetes.io/arch": "arm64" };
            inputs.values.podAnnotations = { "example.com/anything": "x" };
        });
        assert.deepEqual(newFindings(stack, "dev"), []);
        // istiod copies `pilot.*` to the top (templates/zzy_descope_legacy.yaml), where `resources` is read.
        assert.deepEqual(newFindings(withRelease("dev", "istiod", (inputs) => {
            inputs.values.pilot.resources = { requests: { cpu: "1", memory: "1Gi" } };
        }), "dev"), []);
    });

    it("reports what the chart's values.schema.json refuses, as Helm does", () => {
        const findings = newFindings(withRelease("staging", "istio-ingress", (inputs) => {
            inputs.values.autoscaling.minReplicas = "2";
            inputs.values.kind = "StatefulSet";
        }), "staging");
        assert.deepEqual(where(findings).sort(), ["istio-ingress values.autoscaling.minReplicas", "istio-ingress values.kind"]);
        for (const finding of findings) {
            assert.equal(finding.refusedBy, "Helm");
            assert.match(finding.message, /^Helm refuses release istio-ingress \(chart gateway 1\.29\.0\): infra\/upstream\/charts\/gateway@1\.29\.0\/values\.schema\.json says/);
            assert.match(finding.fix, /gatewayValues \(infra\/k8s\/mesh\/istio-mesh\.ts\)/);
        }
        assert.match(findings.find((f) => f.path === "values.kind")!.message, /must be equal to one of the allowed values \("Deployment", "DaemonSet"\)/);
    });

    it("cannot judge a chart version that is not pinned, and says so", () => {
        const findings = newFindings(withRelease("onprem", "snapscheduler", (inputs) => {
            inputs.version = "3.4.0";
        }), "onprem");
        assert.deepEqual(where(findings), ["snapshots-operator version"]);
        assert.equal(findings[0].refusedBy, "preflight");
        assert.match(findings[0].message, /preflight cannot judge release snapscheduler \(chart snapscheduler 3\.4\.0\): the chart is not pinned/);
        assert.match(findings[0].fix, /infra\/upstream\/charts\/snapscheduler@3\.4\.0\//);
    });

    it("cannot judge a release without a version", () => {
        const findings = newFindings(withRelease("dev", "istio-base", (inputs) => {
            delete inputs.version;
        }), "dev");
        assert.deepEqual(where(findings), ["istio-base version"]);
        assert.match(findings[0].message, /names no chart version/);
    });

    it("skips values a preview does not know yet", () => {
        assert.deepEqual(newFindings(withRelease("dev", "istio-ingress", (inputs) => {
            inputs.values.unknownYet = UNKNOWN;
            inputs.values.autoscaling.minReplicas = UNKNOWN;
        }), "dev"), []);
    });
});

describe("the fixes of helm-values", () => {
    it("name functions the program's files export", () => {
        const cases: [string, (string | number)[]][] = [["istiod", ["pilot"]], ["gateway", ["service"]], ["psmdb-operator", ["image"]], ["snapscheduler", ["image"]], ["cni", ["global", "hub"]]];
        for (const [chart, valuePath] of cases) {
            const [, name, file] = /^(\w+) \(([^)]+)\)$/.exec(valueBuilder(chart, valuePath)) ?? [];
            assert.ok(name && file, `${chart}: ${valueBuilder(chart, valuePath)}`);
            assert.match(fs.readFileSync(path.join(ROOT, file), "utf8"), new RegExp(`export function ${name}\\(`), `${file} exports ${name}`);
        }
        assert.equal(valueBuilder("cni", ["global", "hub"]), "imageValues (infra/k8s/mesh/istio-mesh.ts)");
    });
});

describe("valuesPath", () => {
    it("writes keys that are not identifiers in brackets and list items by index", () => {
        assert.equal(valuesPath(["podAnnotations", "sidecar.istio.io/inject"]), 'values.podAnnotations["sidecar.istio.io/inject"]');
        assert.equal(valuesPath(["service", "ports", 1, "nodePort"]), "values.service.ports[1].nodePort");
    });
});
