import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { plainInputs } from "../../../engine/preflight/stack";
import { secret, UNKNOWN } from "../../../engine/wire";

describe("plainInputs", () => {
    it("unwraps secrets at any depth and keeps unknowns", () => {
        const inputs = { metadata: { name: "keys" }, stringData: secret({ password: secret("p"), host: "db" }), spec: { replicas: UNKNOWN } };
        assert.deepEqual(plainInputs(inputs), { metadata: { name: "keys" }, stringData: { password: "p", host: "db" }, spec: { replicas: UNKNOWN } });
    });

    it("shares what holds no secret: the value itself when none does, the untouched parts otherwise", () => {
        const metadata = { name: "policy", labels: { a: "b" } };
        const inputs = { metadata, spec: { podSelector: {}, policyTypes: ["Ingress"] } };
        assert.equal(plainInputs(inputs), inputs, "no copy without a secret");
        const withSecret = { metadata, data: secret("x") };
        const plain = plainInputs(withSecret) as Record<string, unknown>;
        assert.notEqual(plain, withSecret);
        assert.equal(plain.metadata, metadata, "the part without a secret is shared");
        assert.deepEqual(withSecret.data, secret("x"), "the original is not changed");
    });
});
