/**
 * Check `object-fields`: every object of a built-in kind the program creates (Namespace, NetworkPolicy,
 * Secret, Role, Deployment...), patches too, against the pinned Kubernetes OpenAPI of the default
 * Kubernetes version (kubernetes-openapi.ts): the kind must be served at that apiVersion; a field the kind
 * does not declare is dropped without an error (server-side apply at most warns), a wrong type is refused
 * when the server decodes the object, a missing required field is refused; and `metadata` follows the
 * name rules of its kind. A patch is partial: it requires nothing.
 */
import { DEFAULT_KUBERNETES_VERSION } from "../../infra/versions";
import type { PreflightCheck, PreflightFinding } from "./finding";
import { kubernetesOpenApi } from "./kubernetes-openapi";
import { objectMetaViolations } from "./object-meta";
import { API_SERVER, objectLabel, schemaFinding, SchemaContext, whereInProgram } from "./schema-findings";
import type { KubernetesObject, Plain, PreflightStack } from "./stack";

const CHECK = "object-fields";

const CONTEXT: SchemaContext = {
    check: CHECK,
    schemaSource: `the Kubernetes ${DEFAULT_KUBERNETES_VERSION} OpenAPI (infra/upstream/kubernetes-openapi@${DEFAULT_KUBERNETES_VERSION}/swagger.json)`,
    unknownFieldFate: "dropped silently by the API server, which decodes only the fields the kind declares",
    typeStatus: "400 Bad Request",
};

function groupOf(apiVersion: string): string {
    return apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
}

/** Findings for one object of a built-in kind. */
export function objectFieldFindings(object: KubernetesObject): PreflightFinding[] {
    const openApi = kubernetesOpenApi();
    const definition = openApi.definitionOf(object.apiVersion, object.kind);
    if (!definition) {
        return [{
            check: CHECK,
            urn: object.resource.urn,
            path: "apiVersion",
            refusedBy: API_SERVER,
            message: `404 Not Found: Kubernetes ${DEFAULT_KUBERNETES_VERSION} serves no ${object.kind} in ${object.apiVersion}`,
            fix: `use an apiVersion and kind Kubernetes ${DEFAULT_KUBERNETES_VERSION} serves for ${objectLabel(object)} in ${whereInProgram(object.resource.urn)}`,
        }];
    }
    const violations = [
        ...openApi.validator(definition, object.patch).validate(object.object),
        ...objectMetaViolations(object.object.metadata as Plain | undefined, { kind: object.kind, resourceName: object.resource.name, patch: object.patch }),
    ];
    return violations.map((violation) => schemaFinding(violation, object, CONTEXT));
}

export const objectFieldsCheck: PreflightCheck<PreflightStack> = {
    name: CHECK,
    description: `Objects of built-in kinds as the Kubernetes ${DEFAULT_KUBERNETES_VERSION} API server decodes and validates them: served kind, unknown fields dropped, types, required fields, formats and metadata names.`,
    run(stack) {
        const openApi = kubernetesOpenApi();
        return stack.kubernetesObjects.filter((object) => openApi.isBuiltInGroup(groupOf(object.apiVersion))).flatMap(objectFieldFindings);
    },
};
