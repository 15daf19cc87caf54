/**
 * What the engine changes in the program's process to render cheaply under mocks must not change what
 * the program, the SDK or the mock monitor see.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { Struct, Value } from "google-protobuf/google/protobuf/struct_pb";
import { Debuggable, keepStructsPlain, PromiseStore, skipUnreadPromiseStacks } from "../../engine/program";
import { downgradeResourceReferences, KEEP, mapWire, OUTPUT_SIG, RESOURCE_SIG, secret, SIG_KEY, UNKNOWN } from "../../engine/wire";

describe("the program's process under mocks", () => {
    it("tracks promises for the SDK's leak report without recording a stack for each", async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const debuggable = require("@pulumi/pulumi/runtime/debuggable") as Debuggable & { leakedPromises(): [Set<Promise<unknown>>, string] };
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const state = require("@pulumi/pulumi/runtime/state") as PromiseStore;
        const candidates = () => state.getStore().leakCandidates as Set<Promise<unknown>>;
        skipUnreadPromiseStacks(debuggable, state);

        // The first goes through the SDK, which schedules the report at exit.
        const first = Promise.resolve("first");
        assert.equal(await debuggable.debuggablePromise(first, "first"), "first");
        assert.equal((first as { _debugCtx?: unknown })._debugCtx, "first");

        const pending = new Promise<never>(() => undefined);
        void debuggable.debuggablePromise(pending, "pending");
        assert.ok(candidates().has(pending));
        assert.equal((pending as { _debugStackTrace?: unknown })._debugStackTrace, undefined);

        const resolved = Promise.resolve(2);
        assert.equal(await debuggable.debuggablePromise(resolved, "resolved"), 2);
        assert.equal(candidates().has(resolved), false);

        const error = new Error("rejected");
        const rejected = Promise.reject(error);
        await assert.rejects(debuggable.debuggablePromise(rejected, "rejected"), (e: unknown) => e === error && (e as { promise?: unknown }).promise === rejected);
        assert.equal(candidates().has(rejected), false);

        // The SDK's report sees the one still pending (and starts a new list, so this test exits cleanly).
        const [leaked, message] = debuggable.leakedPromises();
        assert.deepEqual([...leaked], [pending]);
        assert.match(message, /1 promise was still active/);
    });

    it("keeps Structs plain under mocks without changing what they read back or serialise to", () => {
        const values: Record<string, unknown>[] = [
            {},
            { b: 1, a: "x", A: null, é: true, 10: [1, {}], 9: [], "": "", nested: { z: [{ y: [null, false, -0, NaN] }], a: "\uD800" } },
            Object.assign(Object.create(null) as Record<string, unknown>, { noPrototype: { inherited: 1 } }),
            Object.assign(Object.create({ inherited: "too" }) as Record<string, unknown>, { own: 1 }),
        ];
        const expected = values.map((value) => {
            const struct = Struct.fromJavaScript(value as Record<string, never>);
            return { read: struct.toJavaScript(), bytes: Buffer.from(struct.serializeBinary()), value: Buffer.from(Value.fromJavaScript(value as never).serializeBinary()) };
        });
        keepStructsPlain(structproto);
        keepStructsPlain(structproto);
        values.forEach((value, i) => {
            const plain = Struct.fromJavaScript(value as Record<string, never>);
            const read = plain.toJavaScript();
            assert.deepEqual(read, expected[i].read);
            assert.deepEqual(Object.keys(read), Object.keys(expected[i].read));
            read.mutated = true;
            assert.deepEqual(plain.toJavaScript(), expected[i].read, "each read is a fresh copy");
            assert.deepEqual(Buffer.from(plain.serializeBinary()), expected[i].bytes);
            assert.deepEqual(plain.toJavaScript(), expected[i].read, "reads the same once built");
            assert.deepEqual(Buffer.from(Value.fromJavaScript(value as never).serializeBinary()), expected[i].value);
        });
        const edited = Struct.fromJavaScript({ a: 1 });
        edited.getFieldsMap().set("b", Value.fromJavaScript("two"));
        assert.deepEqual(edited.toJavaScript(), { a: 1, b: "two" });
        for (const value of [{ a: undefined }, { f: () => 1 }, { list: [1, undefined] }] as Record<string, unknown>[]) {
            assert.throws(() => Struct.fromJavaScript(value as Record<string, never>), /Unexpected struct type/);
        }
    });

    it("replaces resource references and outputs as a full rebuild would, sharing what holds none", () => {
        const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
        // The straightforward definition: rebuild everything, replacing tagged objects.
        const rebuilt = (value: unknown): unknown => mapWire(value, (v) => {
            if (isObject(v) && v[SIG_KEY] === RESOURCE_SIG) {
                return typeof v.id === "string" && v.id !== "" ? v.id : v.urn;
            }
            if (isObject(v) && v[SIG_KEY] === OUTPUT_SIG) {
                const inner = "value" in v ? rebuilt(v.value) : UNKNOWN;
                return v.secret === true ? secret(inner) : inner;
            }
            return KEEP;
        });
        const component = { [SIG_KEY]: RESOURCE_SIG, urn: "urn:pulumi:s::p::c::n" };
        const custom = { [SIG_KEY]: RESOURCE_SIG, urn: "urn:pulumi:s::p::r::n", id: "r-1" };
        const untouched = { a: [1, "x", null, { b: true }], s: secret({ deep: ["y"] }) };
        const value = {
            untouched,
            refs: [component, custom, { nested: custom, keep: untouched }],
            outputs: [{ [SIG_KEY]: OUTPUT_SIG, value: custom }, { [SIG_KEY]: OUTPUT_SIG, secret: true, value: [component] }, { [SIG_KEY]: OUTPUT_SIG, dependencies: [] }],
            last: custom,
        };
        const downgraded = downgradeResourceReferences(value) as Record<string, unknown>;
        assert.deepEqual(downgraded, rebuilt(value));
        assert.deepEqual(Object.keys(downgraded), Object.keys(value));
        assert.equal(downgraded.untouched, untouched);
        assert.equal(downgradeResourceReferences(untouched), untouched);
        assert.deepEqual(downgradeResourceReferences([untouched, custom]), [untouched, "r-1"]);
    });

});
