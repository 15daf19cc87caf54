/**
 * The pack parses Analyze and AnalyzeStack requests with their properties read straight into plain
 * values; the handlers must see exactly what google-protobuf's parsing gives them, for well-formed
 * requests and for the odd ones (which are left to google-protobuf).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { plainRequestReader } from "../../../policies/lib/plain-requests";
import { AnalyzedResource, encodeAnalyzeRequest, encodeAnalyzerResource } from "../../../engine/analyzer";
import { ProtoWriter, secret, UNKNOWN } from "../../../engine/wire";

const reader = plainRequestReader();

type Resourceish = analyzerproto.AnalyzeRequest | analyzerproto.AnalyzerResource;

/** Everything a handler can read of a parsed resource, properties read first, then re-serialised. */
function seen(message: Resourceish): unknown {
    const provider = message.getProvider();
    const read = {
        type: message.getType(),
        urn: message.getUrn(),
        name: message.getName(),
        // Key order matters: JSON keeps it.
        properties: JSON.stringify(message.getProperties()?.toJavaScript()),
        again: JSON.stringify(message.getProperties()?.toJavaScript()),
        options: message.getOptions()?.toObject(),
        provider: provider && { type: provider.getType(), urn: provider.getUrn(), name: provider.getName(), properties: JSON.stringify(provider.getProperties()?.toJavaScript()) },
        ...(message instanceof analyzerproto.AnalyzerResource
            ? { parent: message.getParent(), dependencies: message.getDependenciesList(), propertyDependencies: [...message.getPropertydependenciesMap().entries()].map(([k, v]) => [k, v.getUrnsList()]) }
            : {}),
    };
    return { ...read, bytes: Buffer.from(message.serializeBinary()).toString("hex"), afterwards: JSON.stringify(message.getProperties()?.toJavaScript()) };
}

function sameAsProtobuf(bytes: Buffer): void {
    const expected = seen(analyzerproto.AnalyzeRequest.deserializeBinary(new Uint8Array(bytes)));
    assert.deepEqual(seen(reader.analyzeRequest(bytes)), expected);
}

const resource: AnalyzedResource = {
    urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::logs",
    type: "aws:s3/bucket:Bucket",
    name: "logs",
    properties: {
        bucket: "logs",
        tags: { z: "last", a: "first", 10: "ten", 9: "nine", "": "empty", ünï: "cødé" },
        rules: [{ days: 30, enabled: true, prefix: null }, [], {}, [[1.5, -0, 2 ** 53, -1e-300]]],
        password: secret("s3cr3t"),
        later: UNKNOWN,
        emoji: "\uD83D\uDE00",
    },
    parent: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
    protect: true,
    ignoreChanges: ["tags"],
    deleteBeforeReplace: true,
    additionalSecretOutputs: ["password"],
    aliases: ["urn:pulumi:dev::p::aws:s3/bucket:Bucket::old"],
    dependencies: ["urn:a", "urn:b"],
    propertyDependencies: { rules: ["urn:a"], bucket: [] },
    provider: { urn: "urn:pulumi:dev::p::pulumi:providers:aws::eu", type: "pulumi:providers:aws", name: "eu", properties: { region: "eu-west-1", defaultTags: { tags: { team: "x" } } } },
};

/** A Struct by hand, for what the engine would never write. */
function struct(write: (w: ProtoWriter) => void): Buffer {
    const w = new ProtoWriter();
    write(w);
    return w.finish();
}

/** An AnalyzeRequest whose properties are the given Struct bytes. */
function requestWithProperties(properties: Buffer): Buffer {
    const w = new ProtoWriter();
    w.string(1, "t:m:R");
    w.bytes(2, properties);
    w.string(3, "urn:pulumi:s::p::t:m:R::r");
    return w.finish();
}

/** A Struct entry whose Value is the given bytes. */
function entry(w: ProtoWriter, key: string, value: Buffer): void {
    const e = w.begin(1);
    w.string(1, key);
    w.bytes(2, value);
    w.end(e);
}

describe("the pack's plain parsing of Analyze and AnalyzeStack requests", () => {
    it("gives the handlers what google-protobuf gives them", () => {
        sameAsProtobuf(encodeAnalyzeRequest(resource));
        sameAsProtobuf(encodeAnalyzeRequest({ urn: "", type: "", name: "", properties: {} }));
        sameAsProtobuf(encodeAnalyzeRequest({ ...resource, provider: undefined, deleteBeforeReplace: false }));
    });

    it("reads every resource of an AnalyzeStack request as google-protobuf does", () => {
        const w = new ProtoWriter();
        const resources = [resource, { ...resource, urn: "urn:2", properties: { nested: { deeper: [{ x: "y" }] } }, provider: undefined }, { urn: "", type: "", name: "", properties: {} }];
        for (const r of resources) {
            w.bytes(1, encodeAnalyzerResource(r));
        }
        const bytes = w.finish();
        const expected = analyzerproto.AnalyzeStackRequest.deserializeBinary(new Uint8Array(bytes)).getResourcesList().map(seen);
        assert.deepEqual(reader.analyzeStackRequest(bytes).getResourcesList().map(seen), expected);
    });

    it("follows google-protobuf on repeated keys and fields, unknown fields and out-of-order keys", () => {
        const value = (write: (w: ProtoWriter) => void) => struct(write);
        const odd = struct((w) => {
            entry(w, "b", value((v) => v.string(3, "first")));
            entry(w, "a", value((v) => v.bool(4, false)));
            entry(w, "b", value((v) => v.string(3, "second")));
            // A Value whose kind changes: the last one counts.
            entry(w, "c", value((v) => {
                v.string(3, "text");
                v.double(2, 7);
            }));
            // Unknown fields in the Value and in the Struct are skipped.
            entry(w, "d", value((v) => {
                v.string(9, "ignored");
                v.bool(4, true);
            }));
            w.string(7, "not a field of Struct");
        });
        sameAsProtobuf(requestWithProperties(odd));
        // The properties field given twice: the last one counts.
        const w = new ProtoWriter();
        w.bytes(2, struct((s) => entry(s, "x", value((v) => v.string(3, "one")))));
        w.string(1, "t:m:R");
        w.bytes(2, struct((s) => entry(s, "y", value((v) => v.string(3, "two")))));
        sameAsProtobuf(w.finish());
    });

    it("reads text as google-protobuf does: byte-order marks kept, short and long, ASCII or not", () => {
        const texts = ["\uFEFFbom first", "x".repeat(63), "y".repeat(64), "z".repeat(65), "é".repeat(40), `${"a".repeat(70)}\u{1F600}`, "mid\uFEFFdle", "", "\u0000nul"];
        sameAsProtobuf(encodeAnalyzeRequest({ urn: "u", type: "t", name: "n", properties: Object.fromEntries(texts.map((text, i) => [`${text}-${i}`, text])) }));
        // Not UTF-8 in text longer than the ASCII fast path reads.
        sameAsProtobuf(requestWithProperties(struct((w) => {
            const e = w.begin(1);
            w.string(1, "long");
            const v = w.begin(2);
            w.bytes(3, Buffer.concat([Buffer.from("b".repeat(80)), Buffer.from([0xff, 0xfe])]));
            w.end(v);
            w.end(e);
        })));
    });

    it("reads each provider once and gives the resources it manages the same reading", () => {
        const providers = Array.from({ length: 10 }, (_, i) => ({ urn: `urn:pulumi:dev::p::pulumi:providers:aws::p${i}`, type: "pulumi:providers:aws", name: `p${i}`, properties: { region: `eu-west-${i}`, kubeconfig: "k".repeat(100 + i) } }));
        // Enough distinct providers to be forgotten and read again, each request read as google-protobuf reads it.
        const order = [0, 1, 0, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 1];
        const read = order.map((i) => {
            const bytes = encodeAnalyzeRequest({ ...resource, provider: providers[i] });
            sameAsProtobuf(bytes);
            return reader.analyzeRequest(bytes).getProvider();
        });
        assert.equal(read[0], read[2], "the same provider twice in a row of requests is one message");
        assert.notEqual(read[0], read[1]);
        assert.equal(read[12], read[13]);
        order.forEach((i, at) => assert.deepEqual(read[at].getProperties().toJavaScript(), providers[i].properties));
    });

    it("leaves what it does not read like google-protobuf to google-protobuf", () => {
        // Not UTF-8, a lone surrogate as google-protobuf writes it, and a Value with no kind.
        const notUtf8 = struct((w) => {
            const e = w.begin(1);
            w.string(1, "k");
            const v = w.begin(2);
            w.bytes(3, Buffer.from([0xc3, 0x28]));
            w.end(v);
            w.end(e);
        });
        sameAsProtobuf(requestWithProperties(notUtf8));
        sameAsProtobuf(requestWithProperties(struct((w) => w.struct({ lone: "a\uD800b" }))));
        const noKind = struct((w) => entry(w, "k", Buffer.alloc(0)));
        assert.throws(() => analyzerproto.AnalyzeRequest.deserializeBinary(new Uint8Array(requestWithProperties(noKind))).getProperties()!.toJavaScript(), /Unexpected struct type/);
        assert.throws(() => reader.analyzeRequest(requestWithProperties(noKind)).getProperties().toJavaScript(), /Unexpected struct type/);
    });
});
