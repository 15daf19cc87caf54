/**
 * Kubernetes object kinds as Pulumi declares them, for rules that judge more than pod templates: each kind
 * with its server-side-apply patch (`kubernetes:core/v1:ServicePatch`, and for custom resources
 * `kubernetes:<group>/<version>:<Kind>Patch`, pulumi-kubernetes apiextensions/customResourcePatch.ts),
 * and the namespace an object lands in.
 */
import type { Props } from "./rule";

/** `types` followed by the patch type of each (`...:Service`, `...:ServicePatch`). */
export function withPatches(types: readonly string[]): [string, ...string[]] {
    return types.flatMap((type) => [type, `${type}Patch`]) as [string, ...string[]];
}

/** Whether a type token is a server-side-apply patch, which changes only the fields it sets. */
export function isPatch(type: string): boolean {
    return type.endsWith("Patch");
}

/**
 * The namespace of a namespaced object: `metadata.namespace`, or `default` when the program sets none (the
 * provider's namespace, which is `default` unless the provider names another).
 */
export function namespaceOf(props: Props): string {
    const namespace = props.metadata?.namespace;
    return typeof namespace === "string" && namespace !== "" ? namespace : "default";
}

/** `<namespace>/<name>` of a namespaced object, for messages; read only when reporting. */
export function qualifiedName(props: Props): string {
    return `${namespaceOf(props)}/${props.metadata?.name ?? "(unnamed)"}`;
}

/** The kind of a type token: `kubernetes:apps/v1:DeploymentPatch` → `DeploymentPatch`. */
export function kindOf(type: string): string {
    return type.split(":").pop()!;
}

/** The strings of a list, or none when it is missing. */
export function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.map(String) : [];
}

/** Whether a label selector selects everything (`{}`, or no labels and no expressions). */
export function selectsEverything(selector: unknown): boolean {
    if (typeof selector !== "object" || selector === null) {
        return false;
    }
    const s = selector as Props;
    const labels = s.matchLabels;
    const expressions = s.matchExpressions;
    return (labels === undefined || Object.keys(labels).length === 0) && (expressions === undefined || (Array.isArray(expressions) && expressions.length === 0));
}
