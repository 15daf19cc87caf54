import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Plain } from "../../../engine/preflight/stack";
import { fieldPath, StructuralValidator } from "../../../engine/preflight/structural-schema";
import { UNKNOWN } from "../../../engine/wire";

/** A small structural schema with each feature the API server judges. */
const SCHEMA: Plain = {
    type: "object",
    properties: {
        apiVersion: { type: "string" },
        kind: { type: "string" },
        metadata: { type: "object" },
        spec: {
            type: "object",
            required: ["mode", "image"],
            properties: {
                mode: { type: "string", enum: ["A", "B"] },
                image: { type: "string", default: "nginx" },
                port: { "x-kubernetes-int-or-string": true },
                replicas: { type: "integer", minimum: 1, maximum: 5 },
                note: { type: "string", nullable: true, maxLength: 4 },
                labels: { type: "object", additionalProperties: { type: "string" } },
                extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
                opaque: { type: "object" },
                tags: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
                ports: { type: "array", items: { type: "object", properties: { name: { type: "string" }, number: { type: "integer" } } }, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] },
                created: { type: "string", format: "date-time" },
                a: { type: "string" },
                b: { type: "string" },
            },
            "x-kubernetes-validations": [
                { rule: "!(has(self.a) && has(self.b))", message: "a and b are exclusive" },
                { rule: "self.mode == oldSelf.mode", message: "mode is immutable" },
                { rule: "has(self.replicas) ? self.replicas != 3 : true", fieldPath: ".replicas", reason: "FieldValueForbidden", message: "3 is unlucky" },
            ],
        },
    },
};

const validator = new StructuralValidator(SCHEMA, { pruneUndeclaredObjects: true, skipRootMetadata: true });

function judge(spec: Plain): string[] {
    return validator.validate({ apiVersion: "x/v1", kind: "X", metadata: { name: "x" }, spec }).map((v) => `${v.path}: ${v.reason}: ${v.detail}`);
}

describe("a structural schema", () => {
    it("accepts a valid object, with defaults for required fields", () => {
        assert.deepEqual(judge({ mode: "A", port: "http", replicas: 2, note: null, labels: { a: "b" }, extra: { anything: { goes: 1 } }, tags: ["x", "y"], created: "2026-01-02T03:04:05Z" }), []);
        assert.deepEqual(judge({ mode: "B", port: 8080 }), []);
    });

    it("prunes unknown fields, everywhere but where unknown fields are preserved or maps allowed", () => {
        assert.deepEqual(judge({ mode: "A", mdoe: "A", opaque: { inner: 1 }, extra: { kept: true } }).sort(), [
            "spec.mdoe: unknown-field: unknown field",
            "spec.opaque.inner: unknown-field: unknown field",
        ]);
    });

    it("keeps an untyped object's fields for built-in kinds, which decode into Go types", () => {
        const builtIn = new StructuralValidator(SCHEMA, { pruneUndeclaredObjects: false });
        assert.deepEqual(builtIn.validate({ spec: { mode: "A", opaque: { inner: 1 } } }), []);
    });

    it("names the declared fields beside an unknown one", () => {
        const [violation] = validator.validate({ spec: { mode: "A", imgae: "x" } });
        assert.ok(violation.known?.includes("image"));
    });

    it("refuses missing required fields, wrong types, enums and bounds", () => {
        assert.deepEqual(judge({ replicas: "2" }), [
            "spec.mode: required: Required value",
            'spec.replicas: type: Invalid value: "string": spec.replicas in body must be of type integer',
        ]);
        assert.deepEqual(judge({ mode: "C" }), ['spec.mode: enum: Unsupported value: supported values: "A", "B"']);
        assert.deepEqual(judge({ mode: "A", replicas: 9, note: "too long" }), [
            "spec.replicas: invalid: Invalid value: spec.replicas in body must satisfy maximum 5",
            "spec.note: invalid: Invalid value: spec.note in body must satisfy maxLength 4",
        ]);
        assert.deepEqual(judge({ mode: "A", port: true }), ['spec.port: type: Invalid value: "boolean": spec.port in body must be of type integer or string']);
    });

    it("refuses duplicates in set and map lists", () => {
        assert.deepEqual(judge({ mode: "A", tags: ["x", "x"], ports: [{ name: "a", number: 1 }, { name: "a", number: 2 }] }), [
            "spec.tags[1]: duplicate: Duplicate value",
            "spec.ports[1]: duplicate: Duplicate value",
        ]);
    });

    it("checks the formats the API server checks", () => {
        assert.deepEqual(judge({ mode: "A", created: "yesterday" }), ["spec.created: invalid: Invalid value: spec.created in body must be of type date-time"]);
    });

    it("evaluates CEL rules with their message, field path and reason, and skips transition rules", () => {
        assert.deepEqual(judge({ mode: "A", a: "1", b: "2", replicas: 3 }), [
            'spec: rule: Invalid value: "object": a and b are exclusive',
            "spec.replicas: rule: Forbidden: 3 is unlucky",
        ]);
    });

    it("leaves out what a preview does not know, and the rules that depend on it", () => {
        assert.deepEqual(judge({ mode: UNKNOWN, replicas: UNKNOWN, a: "1", b: UNKNOWN }), []);
        assert.deepEqual(judge(UNKNOWN as unknown as Plain), []);
    });

    it("requires nothing of a patch, and leaves its rules to the merged object", () => {
        const patch = new StructuralValidator(SCHEMA, { pruneUndeclaredObjects: true, partial: true });
        assert.deepEqual(patch.validate({ spec: { a: "1", b: "2" } }), []);
        assert.deepEqual(patch.validate({ spec: { mdoe: "A" } }).map((v) => v.path), ["spec.mdoe"]);
    });

    it("resolves $ref definitions, as the Kubernetes OpenAPI uses them", () => {
        const withRefs = new StructuralValidator({ $ref: "#/definitions/Root" }, {
            pruneUndeclaredObjects: false,
            definitions: { Root: { type: "object", properties: { spec: { $ref: "#/definitions/Spec" } } }, Spec: { type: "object", required: ["size"], properties: { size: { type: "integer" } } } },
        });
        assert.deepEqual(withRefs.validate({ spec: { sise: 1 } }).map((v) => `${v.path} ${v.reason}`).sort(), ["spec.sise unknown-field", "spec.size required"]);
    });
});

describe("fieldPath", () => {
    it("writes indexes in brackets and keys that are not identifiers quoted", () => {
        assert.equal(fieldPath(["spec", "replsets", 0, "name"]), "spec.replsets[0].name");
        assert.equal(fieldPath(["metadata", "labels", "app.kubernetes.io/name"]), 'metadata.labels["app.kubernetes.io/name"]');
    });
});
