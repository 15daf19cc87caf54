/**
 * The policy SDK parses each Analyze and AnalyzeStack request with google-protobuf, which makes an
 * object for every value of every resource's properties only for them to be turned into plain
 * JavaScript (`Struct.toJavaScript`) and dropped: most of the pack's time on a large stack. Here those
 * two requests are parsed with the properties read straight into plain values; everything else in the
 * request (options, dependencies, unknown fields) still goes through google-protobuf. The handlers get
 * the same messages, whose property Structs read back exactly what google-protobuf's would (keys in its
 * sorted order) and become real google-protobuf messages if asked for anything else. A request this
 * reader does not fully understand (malformed, unexpected wire types, text that is not valid UTF-8)
 * is parsed by google-protobuf alone.
 */
import * as path from "node:path";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Message = any;
type MessageClass = { new (): Message; deserializeBinary(bytes: Uint8Array): Message; prototype: any };
type Plain = Record<string, unknown>;

/** Raised when the request should be left to google-protobuf. */
class Unsupported extends Error {}

/** Installs the reader on the Analyzer service definition the policy SDK serves. */
export function parseRequestsPlainly(): void {
    const { service, reader } = load();
    if (!service?.analyze || !service?.analyzeStack || service.plainRequests) {
        return;
    }
    service.analyze.requestDeserialize = reader.analyzeRequest;
    service.analyzeStack.requestDeserialize = reader.analyzeStackRequest;
    service.plainRequests = true;
}

/** The reader on its own (tests compare it with google-protobuf's parsing). */
export function plainRequestReader(): { analyzeRequest(bytes: Buffer): Message; analyzeStackRequest(bytes: Buffer): Message } {
    return load().reader;
}

function load() {
    // The modules the policy SDK itself loads.
    const from = { paths: [path.dirname(require.resolve("@pulumi/policy"))] };
    const grpcService = require(require.resolve("@pulumi/pulumi/proto/analyzer_grpc_pb", from));
    const analyzer = require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", from));
    const structs = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json", from))] }));
    const reader = new RequestReader(analyzer, plainStructClass(structs.Struct));
    const withFallback = (read: (bytes: Buffer) => Message, Type: MessageClass) => (bytes: Buffer) => {
        try {
            return read(bytes);
        } catch (error) {
            if (error instanceof Unsupported) {
                return Type.deserializeBinary(new Uint8Array(bytes));
            }
            throw error;
        }
    };
    return {
        service: grpcService.AnalyzerService,
        reader: {
            analyzeRequest: withFallback((b) => reader.analyzeRequest(b), analyzer.AnalyzeRequest),
            analyzeStackRequest: withFallback((b) => reader.analyzeStackRequest(b), analyzer.AnalyzeStackRequest),
        },
    };
}

/**
 * A Struct holding its encoded bytes: `toJavaScript` reads them straight into plain values (fresh ones
 * each time, as google-protobuf's does); any other use first parses them into the real message.
 */
function plainStructClass(Struct: MessageClass): new (struct: CheckedStruct) => Message {
    const encoded = new WeakMap<object, CheckedStruct>();
    class PlainStruct extends Struct {
        constructor(struct: CheckedStruct) {
            super();
            encoded.set(this, struct);
        }

        toJavaScript(): Plain {
            const struct = encoded.get(this);
            if (!struct) {
                return super.toJavaScript();
            }
            // The values read when the request was checked serve the first read.
            const first = struct.read;
            struct.read = undefined;
            return first ?? readStruct(struct.bytes, 0, struct.bytes.length);
        }

        getFieldsMap(...args: unknown[]): Message {
            this.materialize();
            return super.getFieldsMap(...args);
        }

        toArray(): unknown[] {
            this.materialize();
            return super.toArray();
        }

        private materialize(): void {
            const struct = encoded.get(this);
            if (struct) {
                encoded.delete(this);
                const fields = super.getFieldsMap();
                Struct.deserializeBinary(struct.bytes).getFieldsMap().forEach((value: Message, key: string) => fields.set(key, value));
            }
        }
    }
    return PlainStruct;
}

class RequestReader {
    constructor(private readonly analyzer: Record<string, MessageClass>, private readonly PlainStruct: new (struct: CheckedStruct) => Message) {}

    analyzeRequest(bytes: Buffer): Message {
        return this.resource(bytes, 0, bytes.length, this.analyzer.AnalyzeRequest);
    }

    analyzeStackRequest(bytes: Buffer): Message {
        const request = new this.analyzer.AnalyzeStackRequest();
        const resources: Message[] = [];
        let unknown = false;
        forEachField(bytes, 0, bytes.length, (field, wireType, start, end) => {
            if (field === 1 && wireType === 2) {
                resources.push(this.resource(bytes, start, end, this.analyzer.AnalyzerResource));
            } else {
                unknown = true;
            }
        });
        if (unknown) {
            throw new Unsupported();
        }
        request.setResourcesList(resources);
        return request;
    }

    /**
     * An AnalyzeRequest or AnalyzerResource: its properties (field 2) kept encoded in a PlainStruct,
     * its provider (field 6) read the same way, and every other field parsed by google-protobuf.
     */
    private resource(bytes: Buffer, from: number, to: number, Type: MessageClass): Message {
        let properties: CheckedStruct | undefined;
        let provider: Message | undefined;
        const rest = new FieldCopier(bytes);
        forEachField(bytes, from, to, (field, wireType, start, end, fieldStart) => {
            if (field === 2 && wireType === 2) {
                properties = checkedStruct(bytes, start, end);
            } else if (field === 6 && wireType === 2) {
                provider = this.provider(bytes, start, end);
            } else {
                rest.copy(fieldStart, end);
            }
        });
        const message = Type.deserializeBinary(rest.bytes());
        if (properties) {
            message.setProperties(new this.PlainStruct(properties));
        }
        if (provider) {
            message.setProvider(provider);
        }
        return message;
    }

    /** Providers read lately, by their encoding: a stack has a few, each sent with every resource it manages. */
    private readonly providers: { readonly bytes: Buffer; readonly message: Message }[] = [];

    /**
     * The provider of a resource. Requests for the resources of one provider carry the same bytes, so
     * they share one message (the SDK only reads it, and every policy reads the one deserialization of
     * its properties anyway: convert-once.ts).
     */
    private provider(bytes: Buffer, from: number, to: number): Message {
        const encoded = bytes.subarray(from, to);
        const known = this.providers.find((p) => p.bytes.equals(encoded));
        if (known) {
            return known.message;
        }
        const message = this.readProvider(bytes, from, to);
        this.providers.unshift({ bytes: Buffer.from(encoded), message });
        this.providers.length = Math.min(this.providers.length, RECENT_PROVIDERS);
        return message;
    }

    private readProvider(bytes: Buffer, from: number, to: number): Message {
        let properties: CheckedStruct | undefined;
        const rest = new FieldCopier(bytes);
        forEachField(bytes, from, to, (field, wireType, start, end, fieldStart) => {
            if (field === 2 && wireType === 2) {
                properties = checkedStruct(bytes, start, end);
            } else {
                rest.copy(fieldStart, end);
            }
        });
        const message = this.analyzer.AnalyzerProviderResource.deserializeBinary(rest.bytes());
        if (properties) {
            message.setProperties(new this.PlainStruct(properties));
        }
        return message;
    }
}

/** Distinct providers remembered: more than a stack normally has (AWS, Kubernetes, random, tls, ...). */
const RECENT_PROVIDERS = 8;

/** Collects whole fields (tag and value) of a message, to hand them to google-protobuf. */
class FieldCopier {
    private readonly ranges: number[] = [];

    constructor(private readonly source: Buffer) {}

    copy(from: number, to: number): void {
        const last = this.ranges.length - 1;
        if (last > 0 && this.ranges[last] === from) {
            this.ranges[last] = to;
        } else {
            this.ranges.push(from, to);
        }
    }

    bytes(): Uint8Array {
        let length = 0;
        for (let i = 0; i < this.ranges.length; i += 2) {
            length += this.ranges[i + 1] - this.ranges[i];
        }
        const out = new Uint8Array(length);
        let at = 0;
        for (let i = 0; i < this.ranges.length; i += 2) {
            out.set(this.source.subarray(this.ranges[i], this.ranges[i + 1]), at);
            at += this.ranges[i + 1] - this.ranges[i];
        }
        return out;
    }
}

/**
 * Calls `visit` with each field of the message in `bytes[from, to)`: its number, wire type, the
 * bounds of its value (the payload of a length-delimited field) and where its tag starts.
 */
function forEachField(bytes: Uint8Array, from: number, to: number, visit: (field: number, wireType: number, start: number, end: number, fieldStart: number) => void): void {
    let at = from;
    while (at < to) {
        const fieldStart = at;
        const [tag, afterTag] = readVarint(bytes, at, to);
        const field = tag >>> 3;
        const wireType = tag & 7;
        if (field === 0) {
            throw new Unsupported();
        }
        let start = afterTag;
        let end: number;
        switch (wireType) {
            case 0:
                end = readVarint(bytes, afterTag, to)[1];
                break;
            case 1:
                end = afterTag + 8;
                break;
            case 2: {
                const [length, afterLength] = readVarint(bytes, afterTag, to);
                start = afterLength;
                end = afterLength + length;
                break;
            }
            case 5:
                end = afterTag + 4;
                break;
            default:
                throw new Unsupported();
        }
        if (end > to) {
            throw new Unsupported();
        }
        visit(field, wireType, start, end, fieldStart);
        at = end;
    }
}

/** A varint of up to 53 bits and the position after it. */
function readVarint(bytes: Uint8Array, at: number, to: number): [number, number] {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
        if (at >= to) {
            throw new Unsupported();
        }
        const byte = bytes[at++];
        value += (byte & 127) * scale;
        if (byte < 128) {
            return [value, at];
        }
        scale *= 128;
    }
    throw new Unsupported();
}

/** A Struct's bytes (a copy: the request's buffer is not ours to keep) and their first reading. */
interface CheckedStruct {
    readonly bytes: Uint8Array;
    read?: Plain;
}

/** Reads a Struct once, to know google-protobuf would read it the same. */
function checkedStruct(bytes: Buffer, from: number, to: number): CheckedStruct {
    const copy = Uint8Array.prototype.slice.call(bytes, from, to);
    return { bytes: copy, read: readStruct(copy, 0, copy.length) };
}

/** `Struct.toJavaScript()` of the Struct in `bytes[from, to)`. */
function readStruct(bytes: Uint8Array, from: number, to: number): Plain {
    const fields = new Map<string, unknown>();
    forEachField(bytes, from, to, (field, wireType, start, end) => {
        if (field !== 1) {
            return;
        }
        if (wireType !== 2) {
            throw new Unsupported();
        }
        let key = "";
        let value: unknown;
        let hasValue = false;
        forEachField(bytes, start, end, (entryField, entryWireType, valueStart, valueEnd) => {
            if (entryField === 1) {
                key = readString(bytes, entryWireType, valueStart, valueEnd);
            } else if (entryField === 2) {
                if (entryWireType !== 2) {
                    throw new Unsupported();
                }
                value = readValue(bytes, valueStart, valueEnd);
                hasValue = true;
            }
        });
        if (!hasValue) {
            throw new Unsupported();
        }
        fields.set(key, value);
    });
    // google-protobuf's maps give their entries in sorted key order.
    const struct: Plain = {};
    for (const key of [...fields.keys()].sort()) {
        struct[key] = fields.get(key);
    }
    return struct;
}

/** `Value.toJavaScript()`: the last kind field set wins, as in google-protobuf's oneof. */
function readValue(bytes: Uint8Array, from: number, to: number): unknown {
    let value: unknown;
    let kind = 0;
    forEachField(bytes, from, to, (field, wireType, start, end) => {
        switch (field) {
            case 1:
                expectWireType(wireType, 0);
                value = null;
                break;
            case 2:
                expectWireType(wireType, 1);
                value = Buffer.from(bytes.buffer, bytes.byteOffset + start, 8).readDoubleLE(0);
                break;
            case 3:
                value = readString(bytes, wireType, start, end);
                break;
            case 4:
                expectWireType(wireType, 0);
                value = readVarint(bytes, start, end)[0] !== 0;
                break;
            case 5:
                expectWireType(wireType, 2);
                value = readStruct(bytes, start, end);
                break;
            case 6: {
                expectWireType(wireType, 2);
                const list: unknown[] = [];
                forEachField(bytes, start, end, (itemField, itemWireType, itemStart, itemEnd) => {
                    if (itemField === 1) {
                        expectWireType(itemWireType, 2);
                        list.push(readValue(bytes, itemStart, itemEnd));
                    }
                });
                value = list;
                break;
            }
            default:
                return;
        }
        kind = field;
    });
    if (kind === 0) {
        // google-protobuf's toJavaScript throws on a Value with no kind: leave that to it.
        throw new Unsupported();
    }
    return value;
}

function expectWireType(actual: number, expected: number): void {
    if (actual !== expected) {
        throw new Unsupported();
    }
}

function readString(bytes: Uint8Array, wireType: number, from: number, to: number): string {
    expectWireType(wireType, 2);
    // Short ASCII text (most keys and values) is read directly.
    if (to - from <= SHORT_TEXT) {
        let ascii = true;
        for (let i = from; i < to; i++) {
            if (bytes[i] >= 128) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);
        }
    }
    try {
        return UTF8.decode(bytes.subarray(from, to));
    } catch {
        // google-protobuf decodes invalid UTF-8 its own way.
        throw new Unsupported();
    }
}

/** Text up to this many bytes is checked for ASCII and read without a decoder. */
const SHORT_TEXT = 64;

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
