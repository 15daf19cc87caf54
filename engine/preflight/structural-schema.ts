/**
 * An object judged against a Kubernetes structural schema as the API server judges it
 * (kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema):
 * - pruning: a field the schema does not declare is dropped silently, unless a node says
 *   `x-kubernetes-preserve-unknown-fields` or allows `additionalProperties`;
 * - OpenAPI value validation: types (with `x-kubernetes-int-or-string` and `nullable`), enums, `required`,
 *   bounds, lengths, item counts, patterns, and `anyOf`/`oneOf`/`allOf`/`not`, by @cfworker/json-schema
 *   (an interpreter: ajv needed 4 s to compile the PerconaServerMongoDB schema alone);
 * - what JSON Schema does not say: the formats the server checks, `x-kubernetes-list-type` duplicates and
 *   `x-kubernetes-validations` CEL rules (transition rules, which need the stored object, are skipped).
 *
 * Values equal to the preview's unknown sentinel are not judged, nor is anything that depends on them.
 * Violations name paths, never values: inputs may hold secrets.
 */
import { Validator } from "@cfworker/json-schema";
import { compileRule, isTransitionRule, toCel } from "./kubernetes-cel";
import { containsUnknown } from "../wire";
import { isUnknown, Plain } from "./stack";

export type ViolationReason = "unknown-field" | "required" | "type" | "enum" | "invalid" | "rule" | "duplicate";

/** One thing the API server would refuse or drop, at a field path such as `spec.replsets[0].name`. */
export interface SchemaViolation {
    readonly path: string;
    readonly reason: ViolationReason;
    /** The API server's words after the path, e.g. `Required value`; never the value itself. */
    readonly detail: string;
    /** For an unknown field, the names the schema declares beside it (for a suggestion). */
    readonly known?: readonly string[];
}

export interface StructuralOptions {
    /**
     * A custom resource: an object node with neither properties nor `x-kubernetes-preserve-unknown-fields`
     * keeps nothing. Built-in kinds decode into Go types instead, where such nodes (RawExtension) keep all.
     */
    readonly pruneUndeclaredObjects: boolean;
    /** A patch: a partial object, so nothing is required. */
    readonly partial?: boolean;
    /** Shared `$ref` targets (`#/definitions/<name>`), for the Kubernetes OpenAPI definitions. */
    readonly definitions?: Readonly<Record<string, Plain>>;
    /** Leave the root `metadata` to an ObjectMeta check of its own (a CRD's schema says little of it). */
    readonly skipRootMetadata?: boolean;
}

/** JSON Schema keywords of a structural schema that are value validations (kept for the validator). */
const VALUE_KEYWORDS = ["type", "enum", "required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties"];

function resolve(schema: Plain | undefined, definitions: Readonly<Record<string, Plain>> | undefined): Plain | undefined {
    let node = schema;
    for (let depth = 0; node && typeof node.$ref === "string" && depth < 32; depth++) {
        node = definitions?.[node.$ref.replace("#/definitions/", "")];
    }
    return node;
}

function isIntOrString(node: Plain): boolean {
    return node["x-kubernetes-int-or-string"] === true || node.format === "int-or-string";
}

/** Whether an object node drops the fields it does not declare. */
function prunes(node: Plain, options: StructuralOptions): boolean {
    if (node["x-kubernetes-preserve-unknown-fields"] === true || node.additionalProperties !== undefined) {
        return false;
    }
    return node.properties !== undefined || (options.pruneUndeclaredObjects && node.type === "object");
}

/** The structural schema as plain JSON Schema (draft 4, as OpenAPI v3.0 is) with pruning as `additionalProperties: false`. */
function toJsonSchema(node: Plain, options: StructuralOptions, root = false): Plain {
    if (typeof node.$ref === "string") {
        return { $ref: node.$ref };
    }
    const out: Plain = {};
    for (const keyword of VALUE_KEYWORDS) {
        if (node[keyword] !== undefined && keyword !== "required") {
            out[keyword] = node[keyword];
        }
    }
    // The API server applies defaults before it validates: a required field with a default is never missing.
    const required = ((node.required ?? []) as string[]).filter((name) => (node.properties as Record<string, Plain> | undefined)?.[name]?.default === undefined);
    if (required.length > 0 && !options.partial) {
        out.required = required;
    }
    if (isIntOrString(node)) {
        out.type = ["integer", "string"];
    }
    if (node.nullable === true && typeof out.type === "string") {
        out.type = [out.type, "null"];
    }
    if (node.properties) {
        out.properties = Object.fromEntries(Object.entries(node.properties as Record<string, Plain>).map(([name, child]) => [name, toJsonSchema(child, options)]));
        if (root && options.skipRootMetadata) {
            out.properties.metadata = {};
        }
        if (root) {
            out.properties.apiVersion ??= { type: "string" };
            out.properties.kind ??= { type: "string" };
        }
    }
    if (node["x-kubernetes-embedded-resource"] === true) {
        out.properties = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, ...out.properties };
    }
    if (typeof node.additionalProperties === "object") {
        out.additionalProperties = toJsonSchema(node.additionalProperties as Plain, options);
    } else if (prunes(node, options)) {
        out.additionalProperties = false;
    }
    if (node.items && typeof node.items === "object") {
        out.items = toJsonSchema(node.items as Plain, options);
    }
    for (const combinator of ["allOf", "anyOf", "oneOf"]) {
        if (Array.isArray(node[combinator])) {
            out[combinator] = (node[combinator] as Plain[]).map((branch) => toJsonSchema(branch, { ...options, pruneUndeclaredObjects: false }));
        }
    }
    if (node.not) {
        out.not = toJsonSchema(node.not as Plain, { ...options, pruneUndeclaredObjects: false });
    }
    return out;
}

/** `spec.replsets[0].name`, `metadata.labels["app.kubernetes.io/name"]`. */
export function fieldPath(segments: readonly (string | number)[]): string {
    let text = "";
    for (const segment of segments) {
        if (typeof segment === "number") {
            text += `[${segment}]`;
        } else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) {
            text += text ? `.${segment}` : segment;
        } else {
            text += `[${JSON.stringify(segment)}]`;
        }
    }
    return text;
}

/** Instance locations of @cfworker/json-schema (`#/spec/replsets/0`) as segments; numbers only inside arrays. */
function locationSegments(location: string, data: unknown): (string | number)[] {
    const segments: (string | number)[] = [];
    let node = data;
    const pointer = location.replace(/^#\/?/, "");
    for (const raw of pointer === "" ? [] : pointer.split("/")) {
        const key = decodeURI(raw).replace(/%23/g, "#").replace(/~1/g, "/").replace(/~0/g, "~");
        if (Array.isArray(node)) {
            segments.push(Number(key));
            node = node[Number(key)];
        } else {
            segments.push(key);
            node = node && typeof node === "object" ? (node as Plain)[key] : undefined;
        }
    }
    return segments;
}

function typeOf(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    if (typeof value === "number") {
        return Number.isInteger(value) ? "integer" : "number";
    }
    return typeof value;
}

/**
 * Formats the API server checks on custom resources ("Unknown formats are ignored", JSONSchemaProps.format
 * in the pinned Kubernetes OpenAPI) that appear in the schemas we judge, and `byte` for built-in kinds.
 */
const FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
    byte: (v) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v),
    "date-time": (v) => /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/.test(v),
    datetime: (v) => FORMATS["date-time"](v),
    date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v),
};

export class StructuralValidator {
    /** Stops at the first error: most objects are valid, and this answers them fastest. */
    private readonly accepts: Validator;
    /** Every error, for an object that has one (made on first need). */
    private validator?: Validator;
    private readonly converted: Plain;
    private readonly walked = new Map<Plain, boolean>();
    private readonly verdicts = new Map<string, SchemaViolation[]>();

    constructor(private readonly schema: Plain, private readonly options: StructuralOptions) {
        const converted: Plain = toJsonSchema(schema, options, true);
        if (options.definitions) {
            converted.definitions = Object.fromEntries(Object.entries(options.definitions).map(([name, definition]) => [name, toJsonSchema(definition, options)]));
        }
        this.converted = converted;
        this.accepts = new Validator(converted as never, "4", true);
    }

    /** Whether anything under a node needs the walk: a CEL rule, a set or map list, a checked format. */
    private needsWalk(schema: Plain | undefined): boolean {
        const node = resolve(schema, this.options.definitions);
        if (!node) {
            return false;
        }
        let needed = this.walked.get(node);
        if (needed === undefined) {
            // A recursive definition (JSONSchemaProps) is answered "no" while it is being decided.
            this.walked.set(node, false);
            needed = node["x-kubernetes-validations"] !== undefined
                || node["x-kubernetes-list-type"] === "set" || node["x-kubernetes-list-type"] === "map"
                || (typeof node.format === "string" && FORMATS[node.format] !== undefined)
                || Object.values((node.properties ?? {}) as Record<string, Plain>).some((child) => this.needsWalk(child))
                || (typeof node.additionalProperties === "object" && this.needsWalk(node.additionalProperties as Plain))
                || (typeof node.items === "object" && this.needsWalk(node.items as Plain));
            this.walked.set(node, needed);
        }
        return needed;
    }

    validate(object: Plain): SchemaViolation[] {
        const unknownInside = containsUnknown(object);
        if (unknownInside) {
            return this.judge(object, true);
        }
        // Objects of one kind often differ only in their namespace (a tenant's copy of a policy), which the
        // schema does not judge: their verdict is computed once.
        const metadata = object.metadata;
        const key = JSON.stringify(object, function (this: unknown, k: string, v: unknown) {
            return k === "namespace" && this === metadata ? "" : v;
        });
        let verdict = this.verdicts.get(key);
        if (!verdict) {
            verdict = this.judge(object, false);
            this.verdicts.set(key, verdict);
        }
        return verdict;
    }

    private judge(object: Plain, unknownInside: boolean): SchemaViolation[] {
        const unknownPaths: string[] = [];
        const violations: SchemaViolation[] = [];
        if (unknownInside || this.needsWalk(this.schema)) {
            this.walk(object, this.schema, [], violations, unknownPaths, unknownInside);
        }
        if (!unknownInside && this.accepts.validate(object).valid) {
            return violations;
        }
        this.validator ??= new Validator(this.converted as never, "4", false);
        for (const error of this.validator.validate(object).errors) {
            const violation = this.describe(error, object);
            if (violation) {
                violations.push(violation);
            }
        }
        // What the preview does not know yet is not judged, nor what depends on it: rules on an ancestor.
        return violations.filter((v) => !unknownPaths.some((unknown) => isWithin(v.path, unknown) || (v.reason === "rule" && isWithin(unknown, v.path))));
    }

    /** The schema node at a data path, through `$ref`s, properties, maps and items. */
    private nodeAt(segments: readonly (string | number)[]): Plain | undefined {
        let node = resolve(this.schema, this.options.definitions);
        for (const segment of segments) {
            if (!node) {
                return undefined;
            }
            const next: Plain | undefined = typeof segment === "number"
                ? node.items
                : (node.properties?.[segment] ?? (typeof node.additionalProperties === "object" ? node.additionalProperties : undefined));
            node = resolve(next, this.options.definitions);
        }
        return node;
    }

    private describe(error: { keyword: string; keywordLocation: string; instanceLocation: string; error: string }, object: Plain): SchemaViolation | undefined {
        // Errors inside a combinator's branches are the branches' reasons, summed up by the combinator's own error.
        if (/\/(?:anyOf|oneOf|not)\//.test(error.keywordLocation)) {
            return undefined;
        }
        const segments = locationSegments(error.instanceLocation, object);
        const path = fieldPath(segments);
        const node = this.nodeAt(segments);
        const value = segments.reduce<unknown>((v, s) => (v && typeof v === "object" ? (v as Plain)[s] : undefined), object);
        if (isUnknown(value)) {
            return undefined;
        }
        switch (error.keyword) {
            case "false": {
                const parent = this.nodeAt(segments.slice(0, -1));
                return { path, reason: "unknown-field", detail: "unknown field", known: Object.keys(parent?.properties ?? {}) };
            }
            case "required": {
                const missing = /required property "(.*)"/.exec(error.error)?.[1] ?? "";
                return { path: fieldPath([...segments, missing]), reason: "required", detail: "Required value" };
            }
            case "type": {
                const expected = isIntOrString(node ?? {}) ? "integer or string" : String(node?.type ?? "");
                return { path, reason: "type", detail: `Invalid value: "${typeOf(value)}": ${path} in body must be of type ${expected}` };
            }
            case "enum":
                return { path, reason: "enum", detail: `Unsupported value: supported values: ${((node?.enum ?? []) as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
            case "anyOf":
            case "oneOf":
            case "not":
                return { path, reason: "invalid", detail: `Invalid value: "${typeOf(value)}": ${path} in body must ${error.keyword === "not" ? "not match the schema it excludes" : `match ${error.keyword === "oneOf" ? "exactly one" : "at least one"} of the schemas in ${error.keyword}`}` };
            case "minimum":
            case "maximum":
            case "exclusiveMinimum":
            case "exclusiveMaximum":
            case "multipleOf":
            case "minLength":
            case "maxLength":
            case "pattern":
            case "minItems":
            case "maxItems":
            case "uniqueItems":
            case "minProperties":
            case "maxProperties":
                return { path, reason: "invalid", detail: `Invalid value: ${path} in body must satisfy ${error.keyword} ${JSON.stringify(node?.[error.keyword === "exclusiveMinimum" ? "minimum" : error.keyword === "exclusiveMaximum" ? "maximum" : error.keyword])}` };
            default:
                // Container keywords (properties, items, $ref, allOf...) only wrap the errors above.
                return undefined;
        }
    }

    /** Formats, list types and CEL rules, which JSON Schema does not express, along the data. */
    private walk(value: unknown, schema: Plain | undefined, segments: (string | number)[], violations: SchemaViolation[], unknownPaths: string[], unknownInside: boolean): boolean {
        const node = resolve(schema, this.options.definitions);
        if (!unknownInside && !this.needsWalk(node)) {
            return false;
        }
        if (isUnknown(value)) {
            unknownPaths.push(fieldPath(segments));
            return true;
        }
        if (!node || value === null || value === undefined) {
            return false;
        }
        let unknownBelow = false;
        if (Array.isArray(value)) {
            value.forEach((item, index) => {
                unknownBelow = this.walk(item, node.items, [...segments, index], violations, unknownPaths, unknownInside) || unknownBelow;
            });
            this.checkListType(value, node, segments, violations);
        } else if (typeof value === "object") {
            const properties = (node.properties ?? {}) as Record<string, Plain>;
            const additional = typeof node.additionalProperties === "object" ? (node.additionalProperties as Plain) : undefined;
            for (const [key, item] of Object.entries(value as Plain)) {
                if (segments.length === 0 && key === "metadata" && this.options.skipRootMetadata) {
                    continue;
                }
                unknownBelow = this.walk(item, properties[key] ?? additional, [...segments, key], violations, unknownPaths, unknownInside) || unknownBelow;
            }
        } else if (typeof value === "string" && typeof node.format === "string" && FORMATS[node.format] && !FORMATS[node.format](value)) {
            violations.push({ path: fieldPath(segments), reason: "invalid", detail: `Invalid value: ${fieldPath(segments)} in body must be of type ${node.format}` });
        }
        // A patch is merged with the live object before the rules run: its rules cannot be judged alone.
        if (!unknownBelow && !this.options.partial) {
            this.checkRules(value, node, segments, violations);
        }
        return unknownBelow;
    }

    private checkListType(list: readonly unknown[], node: Plain, segments: (string | number)[], violations: SchemaViolation[]): void {
        const type = node["x-kubernetes-list-type"];
        if (type !== "set" && type !== "map") {
            return;
        }
        const keys = (node["x-kubernetes-list-map-keys"] ?? []) as string[];
        const seen = new Set<string>();
        list.forEach((item, index) => {
            const identity = JSON.stringify(type === "map" ? keys.map((k) => (item as Plain)?.[k]) : item);
            if (seen.has(identity)) {
                violations.push({ path: fieldPath([...segments, index]), reason: "duplicate", detail: "Duplicate value" });
            }
            seen.add(identity);
        });
    }

    private checkRules(value: unknown, node: Plain, segments: (string | number)[], violations: SchemaViolation[]): void {
        const rules = node["x-kubernetes-validations"] as Plain[] | undefined;
        if (!rules) {
            return;
        }
        let self: unknown;
        for (const rule of rules) {
            if (typeof rule.rule !== "string" || isTransitionRule(rule.rule)) {
                continue;
            }
            self ??= toCel(value, node);
            const result = compileRule(rule.rule)(self);
            if (result.ok) {
                continue;
            }
            const at = typeof rule.fieldPath === "string" ? `${fieldPath(segments)}${rule.fieldPath.startsWith("[") || !segments.length ? rule.fieldPath.replace(/^\./, "") : rule.fieldPath}` : fieldPath(segments);
            const message = result.error
                ? `rule ${JSON.stringify(rule.rule)} could not be evaluated: ${result.error}`
                : typeof rule.message === "string" ? rule.message : `failed rule: ${rule.rule}`;
            const verb = rule.reason === "FieldValueForbidden" ? "Forbidden" : rule.reason === "FieldValueRequired" ? "Required value" : rule.reason === "FieldValueDuplicate" ? "Duplicate value" : `Invalid value: "${typeOf(value)}"`;
            violations.push({ path: at, reason: "rule", detail: `${verb}: ${message}` });
        }
    }
}

/** True when `path` is `ancestor` or lies below it. */
function isWithin(path: string, ancestor: string): boolean {
    return ancestor === "" || path === ancestor || path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);
}
