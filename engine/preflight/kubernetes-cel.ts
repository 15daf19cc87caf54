/**
 * `x-kubernetes-validations` rules evaluated as the API server does: CEL (@bufbuild/cel, conformance-tested
 * against cel-spec, RE2 regular expressions as cel-go) with the libraries Kubernetes adds that the pinned
 * CRDs use, and `self` typed by the schema (integers are CEL ints, numbers doubles, objects maps).
 *
 * Kubernetes enables cel-go's strings extension (`substring`...) and its own libraries
 * (kubernetes.io/docs/reference/using-api/cel/#cel-options-language-features-and-libraries). Of its own, the
 * pinned CRDs use only the URL library (`isURL`, `url`, `getScheme`...); a test scans every rule of every
 * pinned CRD and fails on a function this environment does not have.
 */
import { celEnv, celFunc, celMethod, CelScalar, isCelError, mapType, parse, plan } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import type { Plain } from "./stack";

/**
 * A URL as Kubernetes' URL library parses it: Go's `url.ParseRequestURI`, which accepts an absolute URI
 * (`scheme:...`) or an absolute path (`/...`), never a relative reference
 * (kubernetes.io/docs/reference/using-api/cel/#kubernetes-url-library).
 */
export interface KubernetesUrl {
    readonly scheme: string;
    readonly host: string;
    readonly path: string;
    readonly query: string;
}

const URL_PATTERN = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;

export function parseRequestUri(text: string): KubernetesUrl | undefined {
    const match = URL_PATTERN.exec(text);
    if (!match || /\s/.test(text)) {
        return undefined;
    }
    const [, scheme = "", host = "", rest = "", query = ""] = match;
    if (!scheme && !rest.startsWith("/")) {
        return undefined;
    }
    return { scheme, host, path: rest, query };
}

/**
 * Kubernetes' URL is an opaque type; here it is a map of its parts, which only the methods below read
 * (a pinned rule never indexes it).
 */
const URL_TYPE = mapType(CelScalar.STRING, CelScalar.STRING);

function urlOf(text: string): KubernetesUrl {
    const parsed = parseRequestUri(text);
    if (!parsed) {
        throw new Error(`URL parse error during conversion from string: ${JSON.stringify(text)}`);
    }
    return parsed;
}

/** The Kubernetes CEL functions the pinned CRDs call, beside CEL's standard library. */
export const KUBERNETES_FUNCTIONS = ["isURL", "url", "getScheme", "getHost", "getHostname", "getPort", "getEscapedPath"] as const;

function hostParts(url: KubernetesUrl): { hostname: string; port: string } {
    const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(url.host);
    if (bracketed) {
        return { hostname: bracketed[1], port: bracketed[2] ?? "" };
    }
    const [hostname, port = ""] = url.host.split(":");
    return { hostname, port };
}

function urlValue(value: { get(key: string): unknown }): KubernetesUrl {
    return { scheme: String(value.get("scheme")), host: String(value.get("host")), path: String(value.get("path")), query: String(value.get("query")) };
}

const urlFunctions = [
    celFunc("isURL", [CelScalar.STRING], CelScalar.BOOL, (text) => parseRequestUri(text) !== undefined),
    celFunc("url", [CelScalar.STRING], URL_TYPE, (text) => new Map(Object.entries(urlOf(text)))),
    celMethod("getScheme", URL_TYPE, [], CelScalar.STRING, function () { return urlValue(this).scheme; }),
    celMethod("getHost", URL_TYPE, [], CelScalar.STRING, function () { return urlValue(this).host; }),
    celMethod("getHostname", URL_TYPE, [], CelScalar.STRING, function () { return hostParts(urlValue(this)).hostname; }),
    celMethod("getPort", URL_TYPE, [], CelScalar.STRING, function () { return hostParts(urlValue(this)).port; }),
    celMethod("getEscapedPath", URL_TYPE, [], CelScalar.STRING, function () { return urlValue(this).path; }),
];

const ENV = celEnv({ funcs: [...strings, ...urlFunctions] });

export type CelProgram = (self: unknown) => { readonly ok: true } | { readonly ok: false; readonly error?: string };

const programs = new Map<string, CelProgram>();

/** A rule compiled once; `self` must already be a CEL value (see `toCel`). */
export function compileRule(rule: string): CelProgram {
    let program = programs.get(rule);
    if (!program) {
        const planned = plan(ENV, parse(rule));
        program = (self) => {
            let result: unknown;
            try {
                result = planned({ self } as never);
            } catch (error) {
                return { ok: false, error: error instanceof Error ? error.message : String(error) };
            }
            if (isCelError(result)) {
                return { ok: false, error: (result as { message: string }).message };
            }
            return result === true ? { ok: true } : { ok: false };
        };
        programs.set(rule, program);
    }
    return program;
}

/** True for a transition rule (it compares with the stored object): never evaluated on create. */
export function isTransitionRule(rule: string): boolean {
    return /\boldSelf\b/.test(rule);
}

/**
 * A JSON value as CEL sees it under a structural schema: `integer` (and the integer side of
 * int-or-string) as int, `number` as double, objects and maps as maps, arrays as lists. Untyped values
 * (under `x-kubernetes-preserve-unknown-fields`) are dyn: whole numbers become ints.
 */
export function toCel(value: unknown, schema: Plain | undefined): unknown {
    if (value === null || value === undefined) {
        return null;
    }
    if (typeof value === "number") {
        const integral = Number.isInteger(value) && schema?.type !== "number";
        return integral ? BigInt(value) : value;
    }
    if (Array.isArray(value)) {
        return value.map((item) => toCel(item, schema?.items as Plain | undefined));
    }
    if (typeof value === "object") {
        const properties = (schema?.properties ?? {}) as Record<string, Plain>;
        const additional = typeof schema?.additionalProperties === "object" ? (schema.additionalProperties as Plain) : undefined;
        const map = new Map<string, unknown>();
        for (const [key, item] of Object.entries(value as Plain)) {
            map.set(key, toCel(item, properties[key] ?? additional));
        }
        return map;
    }
    return value;
}
