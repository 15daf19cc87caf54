/** Kubernetes objects to judge in the schema checks' tests: copies of rendered ones to mutate, and hand-built ones. */
import assert from "node:assert/strict";
import type { PreflightFinding } from "../../../engine/preflight/finding";
import type { RecordedResource } from "../../../engine/program";
import { KubernetesObject, Plain, PreflightStack } from "../../../engine/preflight/stack";

/** A fresh copy of the first rendered object `match` accepts, to mutate. */
export function copyOfObject(resources: readonly RecordedResource[], match: (o: KubernetesObject) => boolean, what: string): KubernetesObject {
    const original = new PreflightStack(resources).kubernetesObjects.find(match);
    assert.ok(original, `renders ${what}`);
    return { ...original, object: structuredClone(original.object) };
}

/** The object as the engine reads it after `mutate` changed its resource's inputs (wire values: secrets, unknowns). */
export function withInputs(object: KubernetesObject, mutate: (inputs: Plain) => void): KubernetesObject {
    const inputs = structuredClone(object.resource.inputs) as Plain;
    mutate(inputs);
    return new PreflightStack([{ ...object.resource, inputs }]).kubernetesObjects[0];
}

/** A hand-built object, as the engine reads one from the program. */
export function handBuilt(type: string, inputs: Plain, name = "fixture"): KubernetesObject {
    const resource = { urn: `urn:pulumi:dev::secure-platform::secure-platform:k8s:Tenant$${type}::${name}`, type, name, custom: true, inputs } as unknown as RecordedResource;
    return new PreflightStack([resource]).kubernetesObjects[0];
}

/** The one finding of `check` at `path`, refused by the API server. */
export function onlyFinding(findings: readonly PreflightFinding[], path: string, check: string): PreflightFinding {
    const at = findings.filter((f) => f.path === path);
    assert.equal(at.length, 1, `one finding at ${path}: ${JSON.stringify(findings, null, 2)}`);
    assert.equal(at[0].check, check);
    assert.equal(at[0].refusedBy, "Kubernetes API server");
    return at[0];
}
