/**
 * The pack deserializes each Struct of a request once and hands every policy the same result: it must
 * equal what the SDK's own deserialization gives. (That no rule writes to it is checked by every rule's
 * unit tests, whose properties throw on a write: test/harness/policy-unit.ts.)
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as sdkDeserialize from "@pulumi/policy/deserialize";
import { convertPropertiesOnce } from "../../../policies/lib/convert-once";

/** The engine's secret marker: `{[SIG_KEY]: SECRET_SIG, value}`. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Deserialize = (struct: { toJavaScript(): unknown }, proxySecrets: boolean) => unknown;

function patched(): { deserialize: Deserialize; conversions: () => number } {
    let conversions = 0;
    const module = {
        deserializeProperties: ((struct: { toJavaScript(): unknown }, proxySecrets: boolean) => {
            conversions++;
            return (sdkDeserialize as unknown as { deserializeProperties: Deserialize }).deserializeProperties(struct, proxySecrets);
        }) as Deserialize,
    };
    convertPropertiesOnce(module);
    return { deserialize: module.deserializeProperties, conversions: () => conversions };
}

const properties = {
    name: "logs",
    tags: { team: "platform", empty: "" },
    rules: [{ days: 30, enabled: true, prefix: null }, [[1.5, -2]]],
    password: { [SIG_KEY]: SECRET_SIG, value: "s3cr3t" },
    nested: { list: [{ deeper: { value: "x" } }] },
};

describe("each request's properties are deserialized once", () => {
    it("gives what the SDK's deserialization gives", () => {
        const { deserialize } = patched();
        const expected = (sdkDeserialize as unknown as { deserializeProperties: Deserialize }).deserializeProperties(Struct.fromJavaScript(properties), false);
        assert.deepEqual(deserialize(Struct.fromJavaScript(properties), false), expected);
        assert.equal((expected as { password: unknown }).password, "s3cr3t");
    });

    it("deserializes a Struct once however many policies read it, and each Struct on its own", () => {
        const { deserialize, conversions } = patched();
        const struct = Struct.fromJavaScript(properties);
        const first = deserialize(struct, false);
        for (let i = 0; i < 5; i++) {
            assert.equal(deserialize(struct, false), first);
        }
        assert.equal(conversions(), 1);
        const other = deserialize(Struct.fromJavaScript(properties), false);
        assert.notEqual(other, first);
        assert.equal(conversions(), 2);
    });

    it("leaves deserializing for remediation (secrets behind a proxy) to the SDK, fresh each time", () => {
        const { deserialize, conversions } = patched();
        const struct = Struct.fromJavaScript(properties);
        const first = deserialize(struct, true) as Record<string, unknown>;
        const second = deserialize(struct, true);
        assert.notEqual(first, second);
        assert.equal(conversions(), 2);
    });
});
