/**
 * Check `custom-resources`: every custom resource the program creates (patches too), as the API server
 * admits it against the pinned CRD (infra/upstream/crds/): the group, kind and version must be served;
 * then structural pruning, OpenAPI value validation and CEL rules of that version's schema
 * (structural-schema.ts), and `metadata` as ObjectMeta. Mocks accept any of it; the server answers 404 or
 * 422, or drops a misspelt field without a word.
 */
import type { PreflightCheck, PreflightFinding } from "./finding";
import { kubernetesOpenApi, OBJECT_META } from "./kubernetes-openapi";
import { objectMetaViolations } from "./object-meta";
import { IndexedCrd, pinnedCrds } from "./pinned-crds";
import { API_SERVER, objectLabel, schemaFinding, SchemaContext, underPath, whereInProgram } from "./schema-findings";
import type { KubernetesObject, Plain, PreflightStack } from "./stack";
import { StructuralValidator } from "./structural-schema";

const CHECK = "custom-resources";

const validators = new Map<string, StructuralValidator>();

function validatorFor(crd: IndexedCrd, version: string, schema: Plain, partial: boolean): StructuralValidator {
    const key = `${crd.file}#${crd.document} ${version}${partial ? " (partial)" : ""}`;
    let validator = validators.get(key);
    if (!validator) {
        validator = new StructuralValidator(schema, { pruneUndeclaredObjects: true, partial, skipRootMetadata: true });
        validators.set(key, validator);
    }
    return validator;
}

function groupOf(apiVersion: string): { group: string; version: string } {
    const slash = apiVersion.indexOf("/");
    return slash < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function notServed(object: KubernetesObject, message: string, fix: string): PreflightFinding {
    return { check: CHECK, urn: object.resource.urn, path: "apiVersion", refusedBy: API_SERVER, message, fix };
}

/** Findings for one custom resource; built-in kinds are the object-fields check's. */
export function customResourceFindings(object: KubernetesObject): PreflightFinding[] {
    const { group, version } = groupOf(object.apiVersion);
    const crds = pinnedCrds();
    const crd = crds.find(group, object.kind);
    const label = objectLabel(object);
    const where = whereInProgram(object.resource.urn);
    if (!crd) {
        return [crds.hasGroup(group)
            ? notServed(object, `404 Not Found: the pinned CRDs of group ${group} define no kind ${object.kind}`, `use a kind the CRDs of ${group} in infra/upstream/crds/ define (${crds.entries.filter((c) => c.group === group).map((c) => c.kind).join(", ")}) for ${label} in ${where}`)
            : notServed(object, `404 Not Found: no CRD of group ${group} is pinned in infra/upstream/crds/: the API server serves ${object.apiVersion} ${object.kind} only once something installs its CRD`, `pin the CRD that defines ${object.kind} (the version infra/versions.ts deploys) in infra/upstream/crds/ with its source in SOURCES.md, and make sure the program installs it before ${label}`)];
    }
    const declared = crd.versions.find((v) => v.name === version);
    if (!declared?.served) {
        const served = crd.versions.filter((v) => v.served).map((v) => v.name);
        return [notServed(object, `404 Not Found: ${crd.file} ${declared ? "declares but does not serve" : "does not declare"} version ${version} of ${object.kind}`, `use apiVersion ${group}/${served[served.length - 1] ?? "?"} (served: ${served.join(", ")}) for ${label} in ${where}`)];
    }
    const schema = crds.schema(crd, version);
    if (!schema) {
        return [];
    }
    const context: SchemaContext = {
        check: CHECK,
        schemaSource: `the ${version} schema of the CRD in infra/upstream/crds/${crd.file}`,
        unknownFieldFate: "pruned silently by structural pruning",
        typeStatus: "422 Unprocessable Entity",
    };
    const metadata = (object.object.metadata ?? {}) as Plain;
    const metaValidator = kubernetesOpenApi().validator(OBJECT_META, true);
    const violations = [
        ...validatorFor(crd, version, schema, object.patch).validate(object.object),
        ...underPath("metadata", metaValidator.validate(metadata)),
        ...objectMetaViolations(metadata, { kind: object.kind, resourceName: object.resource.name, patch: object.patch }),
    ];
    return violations.map((violation) => schemaFinding(violation, object, {
        ...context,
        ...(violation.path.startsWith("metadata") ? { schemaSource: "ObjectMeta in the pinned Kubernetes OpenAPI", unknownFieldFate: "dropped silently (ObjectMeta declares no such field)" } : {}),
    }));
}

export const customResourcesCheck: PreflightCheck<PreflightStack> = {
    name: CHECK,
    description: "Custom resources as the API server admits them against their pinned CRDs: served group, kind and version, unknown fields pruned, types, enums, required fields, formats, bounds, CEL rules and metadata.",
    run(stack) {
        const openApi = kubernetesOpenApi();
        return stack.kubernetesObjects
            .filter((object) => !openApi.isBuiltInGroup(groupOf(object.apiVersion).group))
            .flatMap(customResourceFindings);
    },
};
