/**
 * The values a chart's templates see: the chart's values.yaml coalesced with the release's values as Helm
 * does (maps merged key by key, anything else replaced, `null` deleting a default), then, for Istio's
 * charts, the merges their templates make first (templates/zzz_profile.yaml: the defaults kept under
 * `_internal_defaults_do_not_set`, with `global` merged in where the chart says so, overwritten by the
 * values; zzy_descope_legacy.yaml: `pilot` or `cni` copied to the top).
 */
import type { Plain } from "../stack";
import { chartReads } from "./chart-reads";
import type { PinnedChart } from "./pinned-charts";
import { ISTIO_DEFAULTS_KEY, ValuePath } from "./template-reads";

export function isPlainObject(value: unknown): value is Plain {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Helm's coalescing of a chart's defaults with the user's values: the user wins, `null` deletes. */
export function coalesceValues(defaults: Plain, user: Plain): Plain {
    const out: Plain = { ...defaults };
    for (const [key, value] of Object.entries(user)) {
        if (value === null) {
            delete out[key];
        } else if (isPlainObject(value) && isPlainObject(out[key])) {
            out[key] = coalesceValues(out[key] as Plain, value);
        } else {
            out[key] = value;
        }
    }
    return out;
}

/** Sprig's `mergeOverwrite`: maps merged deeply, `source` wins elsewhere. Returns a new object. */
export function mergeOverwrite(target: Plain, source: Plain): Plain {
    const out: Plain = { ...target };
    for (const [key, value] of Object.entries(source)) {
        out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeOverwrite(out[key] as Plain, value) : value;
    }
    return out;
}

export function valueAt(values: unknown, path: ValuePath): unknown {
    let current = values;
    for (const segment of path) {
        if (!isPlainObject(current)) {
            return undefined;
        }
        current = current[segment];
    }
    return current;
}

/** The values `chart`'s templates render with, given a release's values. */
export function chartValues(chart: PinnedChart, user: Plain): Plain {
    let values = coalesceValues(chart.values, user);
    const { scan } = chartReads(chart);
    const internal = values[ISTIO_DEFAULTS_KEY];
    if (isPlainObject(internal)) {
        let defaults = internal;
        const rest = { ...values };
        delete rest[ISTIO_DEFAULTS_KEY];
        for (const path of scan.mergedIntoDefaults) {
            const merged = valueAt(rest, path);
            if (isPlainObject(merged)) {
                defaults = mergeOverwrite(defaults, merged);
            }
        }
        values = mergeOverwrite(defaults, rest);
    }
    for (const path of scan.descoped) {
        const copied = valueAt(values, path);
        if (isPlainObject(copied)) {
            values = mergeOverwrite(values, copied);
        }
    }
    return values;
}

/** Go template truth: false, 0, "", nil and empty maps and lists are false. */
export function truthy(value: unknown): boolean {
    if (value === undefined || value === null || value === false || value === 0 || value === "") {
        return false;
    }
    if (Array.isArray(value)) {
        return value.length > 0;
    }
    if (isPlainObject(value)) {
        return Object.keys(value).length > 0;
    }
    return true;
}
