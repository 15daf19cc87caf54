/**
 * Kubernetes objects declared as YAML, made visible offline.
 *
 * `k8s.yaml.v2.ConfigGroup` and `ConfigFile` are remote components: the Kubernetes provider reads their YAML and
 * registers a child resource per object (pulumi/pulumi-kubernetes provider/pkg/provider/yaml/v2), so under
 * mocks they have no children and neither the pack nor preflight would see the objects. The engine expands
 * them here as that provider does, and records each object as the child the provider would register:
 * - the YAML comes from `files` (paths relative to the program's folder, the working directory the CLI gives a
 *   program and its providers; glob patterns in a ConfigGroup), then `yaml`, then `objs`; multi-document YAML,
 *   empty documents skipped, `List` kinds expanded into their items;
 * - every object needs `apiVersion`, `kind` and `metadata.name`; group `core` is written without it;
 * - a namespaced kind without a namespace gets the provider's (`namespace` of the Kubernetes provider, else
 *   `default`); scope comes from the pinned Kubernetes OpenAPI, the pinned CRDs or a CRD in the same group,
 *   and stays unset when none knows the kind, as the provider leaves it without a cluster to ask;
 * - the child is `kubernetes:<group>/<version>:<Kind>` (`core` for the core group), named
 *   `<prefix>:<namespace>/<name>` or `<prefix>:<name>`, the prefix being `resourcePrefix` or the component's
 *   name, parented to the component, with its Kubernetes provider and `protect`;
 * - it depends on the Namespace and CRD it needs from the same group and on what its
 *   `config.kubernetes.io/depends-on` annotation names there, and is registered after them;
 * - a Secret's `data` and `stringData` are secret, and `skipAwait` adds the `pulumi.com/skipAwait` annotation.
 *
 * `k8s.yaml.ConfigGroup` and `ConfigFile` (v1) build their children in the program itself and only ask the
 * provider to decode YAML (invoke `kubernetes:yaml:decode`), which engine/mocks.ts answers with
 * {@link decodeManifests}.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { kubernetesOpenApi } from "./preflight/kubernetes-openapi";
import { pinnedCrds } from "./preflight/pinned-crds";
import type { RecordedResource } from "./program";
import { containsUnknown, isObject, isSecretValue, secret, type WireValue } from "./wire";

export const CONFIG_GROUP_V2 = "kubernetes:yaml/v2:ConfigGroup";
export const CONFIG_FILE_V2 = "kubernetes:yaml/v2:ConfigFile";

/** Components whose objects the Kubernetes provider renders at deploy time and the engine cannot expand. */
export const OPAQUE_COMPONENTS: Readonly<Record<string, string>> = {
    "kubernetes:helm.sh/v4:Chart": "a Helm chart's objects are rendered by the Kubernetes provider (helm.v4.Chart)",
    "kubernetes:kustomize/v2:Directory": "a kustomization's objects are rendered by the Kubernetes provider (kustomize.v2.Directory)",
};

type KubernetesObject = Record<string, unknown>;

/** YAML values JSON cannot hold, as Kubernetes' YAML-to-JSON conversion writes them. */
function jsonable(value: unknown): unknown {
    if (value instanceof Date) {
        return value.toISOString().replace(".000Z", "Z");
    }
    if (value instanceof Uint8Array) {
        return Buffer.from(value).toString("base64");
    }
    if (Array.isArray(value)) {
        return value.map(jsonable);
    }
    if (isObject(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonable(v)]));
    }
    return value;
}

/**
 * The objects of a (multi-document) YAML or JSON text, as Kubernetes decodes manifests: YAML 1.1 (`yes` is a
 * boolean), empty documents skipped, every other document an object.
 */
export function decodeManifests(text: string, source: string): KubernetesObject[] {
    let documents: unknown[];
    try {
        documents = yaml.loadAll(text, { schema: yaml.YAML11_SCHEMA });
    } catch (error) {
        throw new Error(`decoding YAML of ${source}: ${(error as Error).message.split("\n")[0]}`);
    }
    const objects: KubernetesObject[] = [];
    documents.forEach((document, index) => {
        if (document === null || document === undefined || (isObject(document) && Object.keys(document).length === 0)) {
            return;
        }
        if (!isObject(document)) {
            throw new Error(`decoding YAML of ${source}: document ${index + 1} is not an object (${JSON.stringify(document).slice(0, 60)})`);
        }
        objects.push(jsonable(document) as KubernetesObject);
    });
    return objects;
}

/** Go's `filepath.Match` for one path segment: `*`, `?` and `[...]` classes (with ranges and `^`). */
function segmentPattern(segment: string): RegExp {
    let source = "";
    for (let i = 0; i < segment.length; i++) {
        const c = segment[i];
        if (c === "*") {
            source += "[^/]*";
        } else if (c === "?") {
            source += "[^/]";
        } else if (c === "[") {
            const end = segment.indexOf("]", i + 2);
            if (end < 0) {
                throw new Error(`syntax error in pattern ${JSON.stringify(segment)}`);
            }
            const body = segment.slice(i + 1, end);
            source += `[${body.startsWith("^") ? `^${body.slice(1).replace(/\\/g, "\\\\")}` : body.replace(/\\/g, "\\\\")}]`;
            i = end;
        } else if (c === "\\" && i + 1 < segment.length) {
            source += `\\${segment[++i]}`;
        } else {
            source += c.replace(/[.+^${}()|\]\\]/g, "\\$&");
        }
    }
    return new RegExp(`^${source}$`);
}

const GLOB = /(?:^|[^\\])[*?[]/;

/** Go's `filepath.Glob`: every existing path matching the pattern, sorted; a pattern without magic is itself. */
export function globFiles(pattern: string, base: string): string[] {
    if (!GLOB.test(pattern)) {
        return [pattern];
    }
    const absolute = path.isAbsolute(pattern);
    let found = [absolute ? path.parse(pattern).root : ""];
    for (const segment of pattern.split(/[\\/]+/).filter((s) => s !== "")) {
        const next: string[] = [];
        for (const dir of found) {
            if (!GLOB.test(segment)) {
                const candidate = path.join(dir, segment);
                if (fs.existsSync(path.resolve(base, candidate))) {
                    next.push(candidate);
                }
                continue;
            }
            const matcher = segmentPattern(segment);
            let names: string[] = [];
            try {
                names = fs.readdirSync(path.resolve(base, dir || "."));
            } catch {
                // not a folder: no match below it
            }
            next.push(...names.filter((name) => matcher.test(name)).map((name) => path.join(dir, name)));
        }
        found = next;
    }
    return found.sort();
}

/** Inputs of a v2 component, secrets unwrapped; `secret` says whether any was one. */
interface ComponentInputs {
    readonly files: string[];
    readonly yaml: string[];
    readonly objs: KubernetesObject[];
    readonly resourcePrefix?: string;
    readonly skipAwait: boolean;
    readonly secret: boolean;
}

function unwrap(value: WireValue, found: { secret: boolean }): unknown {
    if (isSecretValue(value)) {
        found.secret = true;
        return unwrap(value.value, found);
    }
    if (Array.isArray(value)) {
        return value.map((item) => unwrap(item, found));
    }
    if (isObject(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v, found)]));
    }
    return value;
}

function componentInputs(component: RecordedResource): ComponentInputs | undefined {
    if (containsUnknown(component.inputs)) {
        return undefined;
    }
    const found = { secret: false };
    const inputs = unwrap(component.inputs, found) as Record<string, unknown>;
    const strings = (value: unknown) => (value === undefined || value === null ? [] : (Array.isArray(value) ? value : [value]).map(String));
    const files = component.type === CONFIG_FILE_V2 ? strings(inputs.file) : strings(inputs.files);
    const objs = inputs.objs === undefined || inputs.objs === null ? [] : Array.isArray(inputs.objs) ? inputs.objs : [inputs.objs];
    return {
        files,
        yaml: strings(inputs.yaml),
        objs: objs.map((o, i) => {
            if (!isObject(o)) {
                throw new Error(`objs[${i}] is not an object`);
            }
            return o;
        }),
        ...(typeof inputs.resourcePrefix === "string" ? { resourcePrefix: inputs.resourcePrefix } : {}),
        skipAwait: inputs.skipAwait === true,
        secret: found.secret,
    };
}

/** Objects with `items` stand for their items, as the API server applies a list. */
function expandLists(objects: readonly KubernetesObject[]): KubernetesObject[] {
    return objects.flatMap((object) => (Array.isArray(object.items) ? expandLists(object.items.filter(isObject)) : [object]));
}

function groupOf(apiVersion: string): string {
    return apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
}

/** Whether a kind is namespaced: the pinned OpenAPI for built-in kinds, a CRD in the group or pinned for the rest. */
function isNamespaced(object: KubernetesObject, objects: readonly KubernetesObject[]): boolean | undefined {
    const apiVersion = String(object.apiVersion);
    const kind = String(object.kind);
    const group = groupOf(apiVersion);
    const declared = objects.find((o) => o.kind === "CustomResourceDefinition" && isObject(o.spec) && o.spec.group === group
        && isObject(o.spec.names) && o.spec.names.kind === kind);
    if (declared && isObject(declared.spec)) {
        return declared.spec.scope === "Namespaced";
    }
    const scope = kubernetesOpenApi().scopeOf(apiVersion, kind) ?? pinnedCrds().find(group, kind)?.scope;
    return scope === undefined ? undefined : scope === "Namespaced";
}

/** `<group>/<Kind>/<name>` or `<group>/namespaces/<namespace>/<Kind>/<name>`, the depends-on annotation's form. */
function objectReference(object: KubernetesObject): string {
    const metadata = object.metadata as Record<string, unknown>;
    const group = groupOf(String(object.apiVersion));
    return metadata.namespace ? `${group}/namespaces/${String(metadata.namespace)}/${String(object.kind)}/${String(metadata.name)}` : `${group}/${String(object.kind)}/${String(metadata.name)}`;
}

export interface ExpansionContext {
    /** The folder relative `files` are read from: the program's. */
    readonly programDir: string;
    /** The URN the engine gives a resource. */
    readonly urnOf: (parent: string, type: string, name: string) => string;
    /** The provider reference's inputs, to read its default `namespace`. */
    readonly providerInputs: (providerReference: string) => Record<string, WireValue> | undefined;
    /** The outputs and id the mock provider gives a new resource. */
    readonly newResource: (type: string, name: string, inputs: Record<string, unknown>, provider: string | undefined) => { id: string | undefined; state: Record<string, unknown> };
}

/** The manifests of a v2 component, read as its provider reads them: files, then the YAML text, then `objs`. */
function componentObjects(component: RecordedResource, inputs: ComponentInputs, context: ExpansionContext): KubernetesObject[] {
    const objects: KubernetesObject[] = [];
    for (const file of inputs.files) {
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
            throw new Error(`${file}: the offline check does not fetch manifests over the network; keep the file in the repository and list its path`);
        }
        const paths = component.type === CONFIG_GROUP_V2 ? globFiles(file, context.programDir) : [file];
        for (const relative of paths) {
            const absolute = path.resolve(context.programDir, relative);
            let text: string;
            try {
                text = fs.readFileSync(absolute, "utf8");
            } catch (error) {
                throw new Error(`reading YAML file ${relative} (from ${context.programDir}): ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
            }
            objects.push(...decodeManifests(text, relative));
        }
    }
    for (const text of inputs.yaml) {
        objects.push(...decodeManifests(text, "yaml"));
    }
    objects.push(...inputs.objs);
    return expandLists(objects);
}

/**
 * The children the Kubernetes provider would register for a `kubernetes:yaml/v2:ConfigGroup` or `ConfigFile`,
 * in its order; none while an input is unknown (the provider registers none during a preview then). Throws
 * with the reason when the provider would fail (a missing file, bad YAML, an object without kind or name).
 */
export function expandYamlComponent(component: RecordedResource, context: ExpansionContext): RecordedResource[] {
    const inputs = componentInputs(component);
    if (!inputs) {
        return [];
    }
    const objects = componentObjects(component, inputs, context).map((object) => {
        const copy = structuredClone(object);
        if (typeof copy.apiVersion !== "string" || copy.apiVersion === "" || typeof copy.kind !== "string" || copy.kind === "") {
            throw new Error(`Kubernetes resources require a kind and apiVersion: ${JSON.stringify(object).slice(0, 100)}`);
        }
        if (!isObject(copy.metadata) || typeof copy.metadata.name !== "string" || copy.metadata.name === "") {
            throw new Error(`Kubernetes resources require a .metadata.name: ${JSON.stringify(object).slice(0, 100)}`);
        }
        if (copy.apiVersion.startsWith("core/")) {
            copy.apiVersion = copy.apiVersion.slice("core/".length);
        }
        return copy as KubernetesObject & { apiVersion: string; kind: string; metadata: Record<string, unknown> };
    });
    const provider = component.provider;
    const providerNamespace = provider ? context.providerInputs(provider)?.namespace : undefined;
    const defaultNamespace = typeof providerNamespace === "string" && providerNamespace !== "" ? providerNamespace : "default";
    for (const object of objects) {
        if (!object.metadata.namespace && isNamespaced(object, objects)) {
            object.metadata.namespace = defaultNamespace;
        }
        if (inputs.skipAwait) {
            object.metadata.annotations = { ...(isObject(object.metadata.annotations) ? object.metadata.annotations : {}), "pulumi.com/skipAwait": "true" };
        }
    }

    // The provider's dependency graph (sigs.k8s.io/cli-utils object/graph): explicit depends-on annotations, a
    // custom resource on its CRD, a namespaced object on its Namespace; only objects of the same component count.
    const byReference = new Map(objects.map((object) => [objectReference(object), object]));
    const dependenciesOf = (object: KubernetesObject & { apiVersion: string; kind: string; metadata: Record<string, unknown> }) => {
        const found = new Set<KubernetesObject>();
        const annotation = isObject(object.metadata.annotations) ? object.metadata.annotations["config.kubernetes.io/depends-on"] : undefined;
        for (const reference of typeof annotation === "string" ? annotation.split(",") : []) {
            const target = byReference.get(reference.trim());
            if (target && target !== object) {
                found.add(target);
            }
        }
        for (const other of objects) {
            if (other.kind === "CustomResourceDefinition" && isObject(other.spec) && other.spec.group === groupOf(object.apiVersion)
                && isObject(other.spec.names) && other.spec.names.kind === object.kind) {
                found.add(other);
            }
            if (other.kind === "Namespace" && other.apiVersion === "v1" && object.metadata.namespace === other.metadata.name && object !== other) {
                found.add(other);
            }
        }
        return found;
    };

    const prefix = inputs.resourcePrefix ?? component.name;
    const children = new Map<KubernetesObject, RecordedResource>();
    const ordered: RecordedResource[] = [];
    const visiting = new Set<KubernetesObject>();
    const register = (object: (typeof objects)[number]): RecordedResource => {
        const done = children.get(object);
        if (done) {
            return done;
        }
        if (visiting.has(object)) {
            throw new Error(`the objects' dependencies form a cycle at ${objectReference(object)}`);
        }
        visiting.add(object);
        const dependencies = [...dependenciesOf(object)].map((dependency) => register(dependency as (typeof objects)[number]).urn);
        visiting.delete(object);
        const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["core", object.apiVersion];
        const type = `kubernetes:${group}/${version}:${object.kind}`;
        const objectName = object.metadata.namespace ? `${String(object.metadata.namespace)}/${object.metadata.name as string}` : object.metadata.name as string;
        const name = prefix !== "" ? `${prefix}:${objectName}` : objectName;
        const inputsOf: Record<string, WireValue> = { ...object };
        if (object.apiVersion === "v1" && object.kind === "Secret") {
            for (const key of ["data", "stringData"]) {
                if (key in inputsOf) {
                    inputsOf[key] = secret(inputsOf[key]);
                }
            }
        }
        if (inputs.secret) {
            for (const key of Object.keys(inputsOf).filter((k) => !["apiVersion", "kind", "metadata"].includes(k) && !isSecretValue(inputsOf[k]))) {
                inputsOf[key] = secret(inputsOf[key]);
            }
        }
        const { id } = context.newResource(type, name, object, provider);
        const child: RecordedResource = {
            urn: context.urnOf(component.urn, type, name),
            type,
            name,
            parent: component.urn,
            custom: true,
            ...(id ? { id } : {}),
            ...(provider ? { provider } : {}),
            protect: component.protect,
            retainOnDelete: false,
            ignoreChanges: [],
            additionalSecretOutputs: [],
            aliases: [],
            dependencies,
            propertyDependencies: {},
            inputs: inputsOf,
            outputs: { ...inputsOf, ...(id ? { id } : {}) },
        };
        children.set(object, child);
        ordered.push(child);
        return child;
    };
    objects.forEach(register);
    return ordered;
}
