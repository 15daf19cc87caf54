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

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
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
 * Resource references become what a provider's Check would see: the id of a custom resource, the URN
 * of a component. Providers built on the Terraform bridge do not accept references. Returns `value`
 * itself when it holds no reference, and shares every part that holds none.
 */
export function downgradeResourceReferences(value: WireValue): WireValue {
    if (Array.isArray(value)) {
        let copy: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
            const item = downgradeResourceReferences(value[i]);
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
    if (value[SIG_KEY] === RESOURCE_SIG) {
        return typeof value.id === "string" && value.id !== "" ? value.id : value.urn;
    }
    if (value[SIG_KEY] === OUTPUT_SIG) {
        const inner = "value" in value ? downgradeResourceReferences(value.value) : UNKNOWN;
        return value.secret === true ? secret(inner) : inner;
    }
    let copy: Record<string, unknown> | undefined;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const item = downgradeResourceReferences(value[key]);
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
