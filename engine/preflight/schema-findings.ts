/**
 * Schema violations of a Kubernetes object as preflight findings: what the API server answers, and what to
 * change where in the program. Shared by the custom-resources and object-fields checks.
 */
import type { PreflightFinding } from "./finding";
import { closestName, programSource } from "./program-source";
import type { KubernetesObject } from "./stack";
import type { SchemaViolation } from "./structural-schema";

export const API_SERVER = "Kubernetes API server";

export interface SchemaContext {
    readonly check: string;
    /** Where the schema comes from, for the fix, e.g. `the CRD in infra/upstream/crds/istio@1.29.0/crd-all.gen.yaml`. */
    readonly schemaSource: string;
    /** What happens to an unknown field, after `unknown field "x": `. */
    readonly unknownFieldFate: string;
    /** The status of a wrong type: 422 for custom resources (schema validation), 400 for built-in kinds (decoding). */
    readonly typeStatus: string;
}

export function objectLabel(object: KubernetesObject): string {
    const name = object.name ?? object.resource.name;
    return `${object.kind}${object.patch ? " patch" : ""} ${object.namespace ? `${object.namespace}/` : ""}${name}`;
}

export function whereInProgram(urn: string): string {
    return programSource(urn) ?? "the program code that declares this resource (its URN names the component)";
}

function lastField(path: string): string {
    const match = /(?:\.|^)([^.[\]]+)$|\["([^"]+)"\]$/.exec(path);
    return match?.[1] ?? match?.[2] ?? path;
}

function parentPath(path: string): string {
    return path.replace(/(?:\.[^.[\]]+|\[[^\]]*\])$/, "");
}

export function schemaFinding(violation: SchemaViolation, object: KubernetesObject, context: SchemaContext): PreflightFinding {
    const where = whereInProgram(object.resource.urn);
    const label = objectLabel(object);
    const base = { check: context.check, urn: object.resource.urn, path: violation.path, refusedBy: API_SERVER };
    switch (violation.reason) {
        case "unknown-field": {
            const field = lastField(violation.path);
            const suggestion = closestName(field, violation.known ?? []);
            const parent = parentPath(violation.path) || "the object's top level";
            return {
                ...base,
                message: `unknown field "${field}": ${context.unknownFieldFate}`,
                fix: `${suggestion ? `rename "${field}" to "${suggestion}"` : `remove "${field}"`} under ${parent} of ${label} in ${where}; ${context.schemaSource} declares there: ${(violation.known ?? []).slice(0, 12).join(", ") || "no fields"}`,
            };
        }
        case "required":
            return {
                ...base,
                message: `422 Unprocessable Entity: ${violation.path}: ${violation.detail}`,
                fix: `set ${violation.path} on ${label} in ${where}: ${context.schemaSource} requires it`,
            };
        case "type":
            return {
                ...base,
                message: `${context.typeStatus}: ${violation.path}: ${violation.detail}`,
                fix: `give ${violation.path} of ${label} the type ${context.schemaSource} declares, in ${where}`,
            };
        case "rule":
            return {
                ...base,
                message: `422 Unprocessable Entity: ${violation.path}: ${violation.detail}`,
                fix: `change ${label} in ${where} so that the x-kubernetes-validations rule at ${violation.path || "the object's top level"} in ${context.schemaSource} holds`,
            };
        default:
            return {
                ...base,
                message: `422 Unprocessable Entity: ${violation.path}: ${violation.detail}`,
                fix: `change ${violation.path} of ${label} in ${where} to a value ${context.schemaSource} allows`,
            };
    }
}

/** Paths of a nested validation (metadata judged alone) under their place in the object. */
export function underPath(prefix: string, violations: readonly SchemaViolation[]): SchemaViolation[] {
    return violations.map((v) => ({ ...v, path: v.path ? (v.path.startsWith("[") ? `${prefix}${v.path}` : `${prefix}.${v.path}`) : prefix }));
}
