/**
 * The built-in kinds' schemas: the Kubernetes OpenAPI (swagger 2.0) of the platform's default Kubernetes
 * version, pinned unchanged in `infra/upstream/kubernetes-openapi@<version>/swagger.json` (provenance in
 * infra/upstream/crds/SOURCES.md). Each kind's schema is compiled once, from the definitions it reaches.
 *
 * Kubernetes removed `enum` from the swagger 2.0 document in 1.24 (it is in OpenAPI v3 only), so built-in
 * enums are not judged here; fields, types, `required` and formats are.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_KUBERNETES_VERSION } from "../../infra/versions";
import type { Plain } from "./stack";
import { StructuralValidator } from "./structural-schema";

export const KUBERNETES_OPENAPI_FILE = path.resolve(__dirname, "..", "..", "infra", "upstream", `kubernetes-openapi@${DEFAULT_KUBERNETES_VERSION}`, "swagger.json");

export const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

/** Every `$ref` target a definition reaches, itself included. */
function reachable(name: string, definitions: Readonly<Record<string, Plain>>): Record<string, Plain> {
    const found: Record<string, Plain> = {};
    const pending = [name];
    while (pending.length > 0) {
        const next = pending.pop() as string;
        if (found[next] || !definitions[next]) {
            continue;
        }
        found[next] = definitions[next];
        JSON.stringify(definitions[next], (key, value: unknown) => {
            if (key === "$ref" && typeof value === "string") {
                pending.push(value.replace("#/definitions/", ""));
            }
            return value;
        });
    }
    return found;
}

export class KubernetesOpenApi {
    private definitionsCache?: Record<string, Plain>;
    /** `apps/v1 Deployment` of every kind served under `/namespaces/{namespace}/`. */
    private namespacedCache?: Set<string>;
    private kindsCache?: Map<string, string>;
    private groupsCache?: Set<string>;
    private readonly validators = new Map<string, StructuralValidator>();

    constructor(private readonly file: string = KUBERNETES_OPENAPI_FILE) {}

    private get definitions(): Record<string, Plain> {
        if (!this.definitionsCache) {
            const document = JSON.parse(fs.readFileSync(this.file, "utf8")) as { definitions: Record<string, Plain>; paths?: Record<string, Record<string, Plain>> };
            const definitions = document.definitions;
            this.namespacedCache = new Set();
            for (const [route, operations] of Object.entries(document.paths ?? {})) {
                if (!route.includes("/namespaces/{namespace}/")) {
                    continue;
                }
                for (const operation of Object.values(operations)) {
                    const gvk = (operation as Plain | undefined)?.["x-kubernetes-group-version-kind"] as Plain | undefined;
                    if (gvk) {
                        this.namespacedCache.add(`${gvk.group ? `${gvk.group}/` : ""}${gvk.version} ${gvk.kind}`);
                    }
                }
            }
            // A quantity is written as a string, but the API server also decodes a JSON number (Quantity.UnmarshalJSON).
            definitions["io.k8s.apimachinery.pkg.api.resource.Quantity"] = { ...definitions["io.k8s.apimachinery.pkg.api.resource.Quantity"], type: ["string", "number"] };
            this.definitionsCache = definitions;
        }
        return this.definitionsCache;
    }

    /** `apps/v1 Deployment` → its definition name, from `x-kubernetes-group-version-kind`. */
    private get kinds(): Map<string, string> {
        if (!this.kindsCache) {
            this.kindsCache = new Map();
            for (const [name, definition] of Object.entries(this.definitions)) {
                for (const gvk of (definition["x-kubernetes-group-version-kind"] ?? []) as Plain[]) {
                    this.kindsCache.set(`${gvk.group ? `${gvk.group}/` : ""}${gvk.version} ${gvk.kind}`, name);
                }
            }
        }
        return this.kindsCache;
    }

    /** True when the group is one the API server itself serves (`""` is the core group). */
    isBuiltInGroup(group: string): boolean {
        this.groupsCache ??= new Set([...this.kinds.keys()].map((key) => {
            const apiVersion = key.split(" ")[0];
            return apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
        }));
        return this.groupsCache.has(group);
    }

    definitionOf(apiVersion: string, kind: string): string | undefined {
        const name = this.kinds.get(`${apiVersion} ${kind}`);
        // The meta group lists its option kinds (DeleteOptions...) under every group: only kinds with metadata are objects.
        return name && this.definitions[name]?.properties?.metadata ? name : undefined;
    }

    /** Whether a built-in kind lives in a namespace (served under `/namespaces/{namespace}/`); undefined for a kind it does not serve. */
    scopeOf(apiVersion: string, kind: string): "Namespaced" | "Cluster" | undefined {
        if (!this.definitionOf(apiVersion, kind)) {
            return undefined;
        }
        return this.namespacedCache?.has(`${apiVersion} ${kind}`) ? "Namespaced" : "Cluster";
    }

    /** The validator of one kind (or of ObjectMeta alone); a patch's does not require anything. */
    validator(definition: string, partial: boolean): StructuralValidator {
        const key = `${definition}${partial ? " (partial)" : ""}`;
        let validator = this.validators.get(key);
        if (!validator) {
            validator = new StructuralValidator({ $ref: `#/definitions/${definition}` }, {
                pruneUndeclaredObjects: false,
                partial,
                definitions: reachable(definition, this.definitions),
            });
            this.validators.set(key, validator);
        }
        return validator;
    }
}

let shared: KubernetesOpenApi | undefined;

/** The pinned Kubernetes OpenAPI, loaded on first use and shared by the checks of a process. */
export function kubernetesOpenApi(): KubernetesOpenApi {
    shared ??= new KubernetesOpenApi();
    return shared;
}
