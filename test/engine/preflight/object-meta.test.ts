import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nameRule, objectMetaViolations } from "../../../engine/preflight/object-meta";

const context = { kind: "ConfigMap", resourceName: "settings", patch: false };

describe("object metadata", () => {
    it("takes a DNS subdomain as the name of most kinds, a DNS label for a Namespace, a DNS-1035 label for a Service", () => {
        assert.equal(nameRule("ConfigMap").test("platform.settings"), true);
        assert.equal(nameRule("Namespace").test("platform.settings"), false);
        assert.equal(nameRule("Service").test("1api"), false);
        assert.equal(nameRule("Deployment").test("1api"), true);
        assert.equal(nameRule("Role").test("system:tenant"), true);
        assert.equal(nameRule("ConfigMap").test("a".repeat(254)), false);
    });

    it("reports a name the API server refuses, without the name", () => {
        const [violation] = objectMetaViolations({ name: "Settings_1" }, context);
        assert.equal(violation.path, "metadata.name");
        assert.doesNotMatch(violation.detail, /Settings_1/);
    });

    it("judges the name Pulumi generates when none is given, and requires one for a patch", () => {
        assert.deepEqual(objectMetaViolations({}, context), []);
        assert.equal(objectMetaViolations({}, { ...context, resourceName: "Bad_Name" })[0].path, "metadata.name");
        assert.equal(objectMetaViolations({ namespace: "x" }, { ...context, patch: true })[0].detail, "Required value: name or generateName is required");
    });

    it("checks the namespace, label keys and values, and annotation keys", () => {
        const paths = objectMetaViolations({
            name: "ok",
            namespace: "Bad",
            labels: { "app.kubernetes.io/name": "ok", "bad key": "v", good: "-bad-" },
            annotations: { "example.com/ok": "x", "/nope": "y" },
        }, context).map((v) => v.path);
        assert.deepEqual(paths, ["metadata.namespace", 'metadata.labels["bad key"]', 'metadata.labels["good"]', 'metadata.annotations["/nope"]']);
    });

    it("limits the annotations to 256 KiB in all", () => {
        assert.equal(objectMetaViolations({ name: "ok", annotations: { big: "x".repeat(256 * 1024) } }, context)[0].detail, "Too long: may not be more than 262144 bytes");
    });
});
