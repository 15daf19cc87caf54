/**
 * The engine writes its Analyze and AnalyzeStack requests itself (engine/wire.ts); the bytes must be
 * the ones google-protobuf's messages would have made, for every resource of a rendered stack and for
 * the awkward values a Struct can hold.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzedResource, encodeAnalyzeRequest, encodeAnalyzerResource } from "../../engine/analyzer";
import { ROOT } from "../harness/cli";
import { toAnalyzed } from "../../engine/engine";
import { DEFAULT_MOCK_ACCOUNT } from "../../engine/mocks";
import { RecordedResource, renderProgram } from "../../engine/program";
import { loadProject, loadStackSettings, stackFilePath } from "../../engine/stack-file";
import { ProtoWriter, secret, UNKNOWN } from "../../engine/wire";

function options(resource: AnalyzedResource): analyzerproto.AnalyzerResourceOptions {
    const o = new analyzerproto.AnalyzerResourceOptions();
    o.setProtect(resource.protect ?? false);
    o.setIgnorechangesList([...(resource.ignoreChanges ?? [])]);
    o.setAdditionalsecretoutputsList([...(resource.additionalSecretOutputs ?? [])]);
    o.setAliasesList([...(resource.aliases ?? [])]);
    if (resource.deleteBeforeReplace !== undefined) {
        o.setDeletebeforereplacedefined(true);
        o.setDeletebeforereplace(resource.deleteBeforeReplace);
    }
    o.setParent(resource.parent ?? "");
    return o;
}

function provider(resource: AnalyzedResource): analyzerproto.AnalyzerProviderResource | undefined {
    if (!resource.provider) {
        return undefined;
    }
    const p = new analyzerproto.AnalyzerProviderResource();
    p.setType(resource.provider.type);
    p.setUrn(resource.provider.urn);
    p.setName(resource.provider.name);
    p.setProperties(Struct.fromJavaScript(resource.provider.properties as Record<string, never>));
    return p;
}

/** The fields an AnalyzeRequest and an AnalyzerResource share, set through google-protobuf's messages. */
function setShared<M extends analyzerproto.AnalyzeRequest | analyzerproto.AnalyzerResource>(message: M, resource: AnalyzedResource): M {
    message.setType(resource.type);
    message.setUrn(resource.urn);
    message.setName(resource.name);
    message.setProperties(Struct.fromJavaScript(resource.properties as Record<string, never>));
    message.setOptions(options(resource));
    const p = provider(resource);
    if (p) {
        message.setProvider(p);
    }
    return message;
}

/** The request as google-protobuf's messages make it. */
function referenceAnalyzeRequest(resource: AnalyzedResource): Buffer {
    return Buffer.from(setShared(new analyzerproto.AnalyzeRequest(), resource).serializeBinary());
}

function referenceAnalyzerResource(resource: AnalyzedResource): analyzerproto.AnalyzerResource {
    const r = setShared(new analyzerproto.AnalyzerResource(), resource);
    r.setParent(resource.parent ?? "");
    r.setDependenciesList([...(resource.dependencies ?? [])]);
    for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
        const deps = new analyzerproto.AnalyzerPropertyDependencies();
        deps.setUrnsList([...urns]);
        r.getPropertydependenciesMap().set(key, deps);
    }
    return r;
}

function struct(value: Record<string, unknown>): Buffer {
    const writer = new ProtoWriter();
    writer.struct(value);
    return writer.finish();
}

describe("protobuf encoding of the engine's requests", () => {
    it("writes Struct values as google-protobuf does, including its sorting, NaN and unpaired surrogates", () => {
        const values: Record<string, unknown>[] = [
            {},
            { b: 1, a: "x", A: null, é: true, 10: [1, {}], 9: [], "": "" },
            { nan: NaN, negativeZero: -0, infinity: -Infinity, big: 1e300, fraction: 0.1, integer: 2 ** 40 },
            { pair: "\uD83D\uDE00", lone: "a\uD800b", trailing: "x\uD800", low: "\uDC00", mixed: "\uD800\uD800\uDC00" },
            { long: "y".repeat(300), deep: { a: { b: { c: [[["z".repeat(20_000)]]] } } }, many: Array.from({ length: 200 }, (_, i) => ({ i })) },
            { secret: secret({ nested: [UNKNOWN] }), unknown: UNKNOWN, unicode: "ünïcødé ☃ 日本" },
        ];
        for (const value of values) {
            assert.deepEqual(struct(value), Buffer.from(Struct.fromJavaScript(value as Record<string, never>).serializeBinary()), JSON.stringify(value));
        }
    });

    it("refuses what google-protobuf refuses", () => {
        for (const value of [{ a: undefined }, { f: () => 1 }, { n: 1n }] as Record<string, unknown>[]) {
            assert.throws(() => struct(value), /Unexpected struct type/);
            assert.throws(() => Struct.fromJavaScript(value as unknown as Record<string, never>), /Unexpected struct type/);
        }
    });

    it("writes every option, a provider and property dependencies as the messages do", () => {
        const resource: AnalyzedResource = {
            urn: "urn:pulumi:s::p::t::n",
            type: "aws:s3/bucket:Bucket",
            name: "n",
            properties: { bucket: "b" },
            parent: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s",
            protect: true,
            ignoreChanges: ["tags", ""],
            deleteBeforeReplace: false,
            additionalSecretOutputs: ["x"],
            aliases: ["urn:pulumi:s::p::t::old"],
            dependencies: ["urn:a", "urn:b"],
            propertyDependencies: { z: ["urn:a"], a: [], "": ["urn:b", "urn:a"] },
            provider: { urn: "urn:pulumi:s::p::pulumi:providers:aws::aws", type: "pulumi:providers:aws", name: "aws", properties: { region: "eu-west-1" } },
        };
        for (const variant of [resource, { ...resource, deleteBeforeReplace: true }, { urn: "", type: "", name: "", properties: {} }]) {
            assert.deepEqual(encodeAnalyzeRequest(variant), referenceAnalyzeRequest(variant));
            assert.deepEqual(encodeAnalyzerResource(variant), Buffer.from(referenceAnalyzerResource(variant).serializeBinary()));
        }
    });

    describe("every resource of the dev stack", () => {
        let resources: readonly RecordedResource[] = [];
        before(async () => {
            const project = loadProject(ROOT);
            const settings = loadStackSettings(stackFilePath(project, "dev"), project.name);
            resources = (await renderProgram({
                program: project.main,
                project: project.name,
                stack: "dev",
                config: settings.config,
                secretKeys: settings.secretKeys,
                mockEnvironment: { region: settings.config["aws:region"] ?? "us-east-1", accountId: settings.config[`${project.name}:awsAccountId`] ?? DEFAULT_MOCK_ACCOUNT },
            })).resources;
        });

        it("Analyze requests (inputs) and the AnalyzeStack request (outputs) are byte for byte google-protobuf's", () => {
            assert.ok(resources.length > 100);
            const byUrn = new Map(resources.map((r) => [r.urn, r]));
            const stack = new analyzerproto.AnalyzeStackRequest();
            const writer = new ProtoWriter();
            for (const resource of resources) {
                const inputs = toAnalyzed(resource, byUrn, "inputs");
                assert.deepEqual(encodeAnalyzeRequest(inputs), referenceAnalyzeRequest(inputs), resource.urn);
                const outputs = toAnalyzed(resource, byUrn, "outputs");
                stack.addResources(referenceAnalyzerResource(outputs));
                writer.bytes(1, encodeAnalyzerResource(outputs));
            }
            assert.deepEqual(writer.finish(), Buffer.from(stack.serializeBinary()));
        });
    });
});
