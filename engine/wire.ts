/**
 * Property values as they travel between the SDK, the engine and analyzers (Pulumi's wire format):
 * secrets and resource references are objects tagged with a signature key, unknowns a sentinel string.
 */

export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
export const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** What an unknown (not yet computed) value looks like during a preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type WireValue = unknown;

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when a value holds the preview's unknown sentinel anywhere. */
export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) {
        return true;
    }
    if (value !== null && typeof value === "object") {
        for (const item of Array.isArray(value) ? value : Object.values(value)) {
            if (containsUnknown(item)) {
                return true;
            }
        }
    }
    return false;
}

export function isSecretValue(value: unknown): value is { value: unknown } {
    return isObject(value) && value[SIG_KEY] === SECRET_SIG;
}

export function secret(value: unknown): Record<string, unknown> {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** Applies `visit` bottom-up to every value; `visit` may replace tagged objects. */
export function mapWire(value: WireValue, visit: (v: WireValue) => WireValue | typeof KEEP): WireValue {
    const replaced = visit(value);
    if (replaced !== KEEP) {
        return replaced;
    }
    if (Array.isArray(value)) {
        return value.map((item) => mapWire(item, visit));
    }
    if (isObject(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapWire(v, visit)]));
    }
    return value;
}
export const KEEP = Symbol("keep");

/**
 * `value` with `replace` applied top-down to every value (KEEP leaves a value as it is and looks inside
 * it). Copy on write: returns `value` itself when nothing was replaced, and shares every part in which
 * nothing was, so a pass over a large stack copies only what it changes.
 */
export function replaceShared(value: WireValue, replace: (v: WireValue) => WireValue | typeof KEEP): WireValue {
    const replaced = replace(value);
    if (replaced !== KEEP) {
        return replaced;
    }
    if (Array.isArray(value)) {
        let copy: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
            const item = replaceShared(value[i], replace);
            if (copy) {
                copy.push(item);
            } else if (item !== value[i]) {
                copy = value.slice(0, i);
                copy.push(item);
            }
        }
        return copy ?? value;
    }
    if (!isObject(value)) {
        return value;
    }
    let copy: Record<string, unknown> | undefined;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const item = replaceShared(value[key], replace);
        if (copy) {
            copy[key] = item;
        } else if (item !== value[key]) {
            copy = {};
            for (let j = 0; j < i; j++) {
                copy[keys[j]] = value[keys[j]];
            }
            copy[key] = item;
        }
    }
    return copy ?? value;
}

/**
 * Resource references become what a provider's Check would see: the id of a custom resource, the URN
 * of a component. Providers built on the Terraform bridge do not accept references. Returns `value`
 * itself when it holds no reference, and shares every part that holds none.
 */
export function downgradeResourceReferences(value: WireValue): WireValue {
    return replaceShared(value, (v) => {
        if (!isObject(v)) {
            return KEEP;
        }
        if (v[SIG_KEY] === RESOURCE_SIG) {
            return typeof v.id === "string" && v.id !== "" ? v.id : v.urn;
        }
        if (v[SIG_KEY] === OUTPUT_SIG) {
            const inner = "value" in v ? downgradeResourceReferences(v.value) : UNKNOWN;
            return v.secret === true ? secret(inner) : inner;
        }
        return KEEP;
    });
}

/** Plain JSON for reports: every secret becomes "[secret]", unknowns "[unknown]". */
export function redactForReport(value: WireValue): WireValue {
    return mapWire(value, (v) => {
        if (isSecretValue(v)) {
            return "[secret]";
        }
        if (v === UNKNOWN) {
            return "[unknown]";
        }
        if (isObject(v) && (v[SIG_KEY] === ASSET_SIG || v[SIG_KEY] === ARCHIVE_SIG)) {
            return "[asset]";
        }
        return KEEP;
    });
}

/**
 * Writes protocol buffers the way google-protobuf serialises them, straight from plain values: the
 * engine's requests to a pack are built here instead of through google-protobuf's message objects
 * (a Struct costs an object per value, and the copies dominated a large check). The bytes are the same
 * as google-protobuf's (test/engine/wire-encoding.test.ts compares them).
 */
export class ProtoWriter {
    private buf = Buffer.allocUnsafe(4096);
    private pos = 0;

    private reserve(bytes: number): void {
        if (this.pos + bytes > this.buf.length) {
            const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
            this.buf.copy(grown, 0, 0, this.pos);
            this.buf = grown;
        }
    }

    private varint(value: number): void {
        this.reserve(5);
        while (value > 127) {
            this.buf[this.pos++] = (value & 127) | 128;
            value >>>= 7;
        }
        this.buf[this.pos++] = value;
    }

    private tag(field: number, wireType: number): void {
        this.varint((field << 3) | wireType);
    }

    /** Opens a length-delimited field; `end` closes it. */
    begin(field: number): number {
        this.tag(field, 2);
        this.reserve(1);
        return this.pos++;
    }

    end(start: number): void {
        const length = this.pos - start - 1;
        if (length > 127) {
            const extra = varintSize(length) - 1;
            this.reserve(extra);
            this.buf.copyWithin(start + 1 + extra, start + 1, this.pos);
            this.pos += extra;
        }
        let at = start;
        let value = length;
        while (value > 127) {
            this.buf[at++] = (value & 127) | 128;
            value >>>= 7;
        }
        this.buf[at] = value;
    }

    string(field: number, value: string): void {
        const start = this.begin(field);
        if (LONE_SURROGATE_CANDIDATE.test(value)) {
            for (const byte of protobufUtf8(value)) {
                this.reserve(1);
                this.buf[this.pos++] = byte;
            }
        } else {
            this.reserve(value.length * 3);
            this.pos += this.buf.write(value, this.pos, "utf8");
        }
        this.end(start);
    }

    bool(field: number, value: boolean): void {
        this.tag(field, 0);
        this.varint(value ? 1 : 0);
    }

    double(field: number, value: number): void {
        this.tag(field, 1);
        this.reserve(8);
        if (Number.isNaN(value)) {
            // google-protobuf's NaN
            this.pos = this.buf.writeUInt32LE(0xffffffff, this.pos);
            this.pos = this.buf.writeUInt32LE(0x7fffffff, this.pos);
        } else {
            this.pos = this.buf.writeDoubleLE(value, this.pos);
        }
    }

    /** A message field holding bytes already encoded. */
    bytes(field: number, encoded: Uint8Array): void {
        this.tag(field, 2);
        this.varint(encoded.length);
        this.reserve(encoded.length);
        this.buf.set(encoded, this.pos);
        this.pos += encoded.length;
    }

    /** A `google.protobuf.Struct` with the properties of `value`, as `Struct.fromJavaScript` makes it. */
    struct(value: Readonly<Record<string, unknown>>): void {
        const keys: string[] = [];
        for (const key in value) {
            keys.push(key);
        }
        // google-protobuf writes map entries in sorted key order.
        keys.sort();
        for (const key of keys) {
            const entry = this.begin(1);
            this.string(1, key);
            const item = this.begin(2);
            this.value(value[key]);
            this.end(item);
            this.end(entry);
        }
    }

    /** The fields of a `google.protobuf.Value`. */
    private value(value: unknown): void {
        if (value === null) {
            this.tag(1, 0);
            this.varint(0);
            return;
        }
        switch (typeof value) {
            case "string":
                this.string(3, value);
                return;
            case "number":
                this.double(2, value);
                return;
            case "boolean":
                this.bool(4, value);
                return;
            case "object": {
                if (Array.isArray(value)) {
                    const list = this.begin(6);
                    for (const item of value) {
                        const entry = this.begin(1);
                        this.value(item);
                        this.end(entry);
                    }
                    this.end(list);
                } else {
                    const struct = this.begin(5);
                    this.struct(value as Record<string, unknown>);
                    this.end(struct);
                }
                return;
            }
            default:
                // As google-protobuf's Value.fromJavaScript.
                throw new Error("Unexpected struct type.");
        }
    }

    /** The bytes written, in a buffer of their own (transferable to a worker); the writer starts over. */
    finish(): Buffer {
        const bytes = Buffer.allocUnsafeSlow(this.pos);
        this.buf.copy(bytes, 0, 0, this.pos);
        this.pos = 0;
        return bytes;
    }
}

function varintSize(value: number): number {
    let size = 1;
    while (value > 127) {
        value >>>= 7;
        size++;
    }
    return size;
}

const LONE_SURROGATE_CANDIDATE = /[\uD800-\uDFFF]/;

/** google-protobuf's own UTF-8 encoding, which differs from Node's on unpaired surrogates. */
function protobufUtf8(value: string): number[] {
    const bytes: number[] = [];
    for (let i = 0; i < value.length; i++) {
        let code = value.charCodeAt(i);
        if (code < 128) {
            bytes.push(code);
        } else if (code < 2048) {
            bytes.push((code >> 6) | 192, (code & 63) | 128);
        } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
            const low = value.charCodeAt(i + 1);
            if (low >= 0xdc00 && low <= 0xdfff) {
                code = 1024 * (code - 0xd800) + low - 0xdc00 + 65536;
                bytes.push((code >> 18) | 240, ((code >> 12) & 63) | 128, ((code >> 6) & 63) | 128, (code & 63) | 128);
                i++;
            }
        } else {
            bytes.push((code >> 12) | 224, ((code >> 6) & 63) | 128, (code & 63) | 128);
        }
    }
    return bytes;
}
