/**
 * `metadata` as the API server validates it on every object (ValidateObjectMeta in k8s.io/apimachinery):
 * the name by the rule of its kind, the namespace, label and annotation keys and values, the annotations'
 * total size. Messages name the field and the rule, never the value.
 */
import type { SchemaViolation } from "./structural-schema";
import type { Plain } from "./stack";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

interface NameRule {
    readonly test: (name: string) => boolean;
    readonly describe: string;
}

const LABEL_RULE: NameRule = {
    test: (n) => n.length <= 63 && DNS1123_LABEL.test(n),
    describe: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (at most 63 characters)",
};
const SUBDOMAIN_RULE: NameRule = {
    test: (n) => n.length <= 253 && DNS1123_SUBDOMAIN.test(n),
    describe: "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (at most 253 characters)",
};
const DNS1035_RULE: NameRule = {
    test: (n) => n.length <= 63 && DNS1035_LABEL.test(n),
    describe: "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (at most 63 characters)",
};
const PATH_SEGMENT_RULE: NameRule = {
    test: (n) => n !== "." && n !== ".." && !/[/%]/.test(n),
    describe: "may not be '.' or '..' and may not contain '/' or '%'",
};

/**
 * How each kind's name is validated: Namespaces are labels, Services DNS-1035 labels, RBAC objects path
 * segments, every other kind (custom resources too) a subdomain.
 */
export function nameRule(kind: string): NameRule {
    switch (kind) {
        case "Namespace":
            return LABEL_RULE;
        case "Service":
            return DNS1035_RULE;
        case "Role":
        case "RoleBinding":
        case "ClusterRole":
        case "ClusterRoleBinding":
            return PATH_SEGMENT_RULE;
        default:
            return SUBDOMAIN_RULE;
    }
}

function qualifiedNameProblem(key: string): string | undefined {
    const slash = key.lastIndexOf("/");
    const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : [undefined, key];
    if (prefix !== undefined && !SUBDOMAIN_RULE.test(prefix)) {
        return `prefix part ${SUBDOMAIN_RULE.describe}`;
    }
    if (name.length > 63 || !QUALIFIED_NAME.test(name)) {
        return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (at most 63 characters)";
    }
    return undefined;
}

/** Pulumi names an object without `metadata.name` after its resource, with a random 8-character suffix. */
const AUTONAME_SUFFIX = "-0a1b2c3d";

export interface ObjectMetaContext {
    readonly kind: string;
    /** The Pulumi resource name, which autonaming derives the object's name from. */
    readonly resourceName: string;
    /** A patch names an existing object: its name cannot be generated. */
    readonly patch: boolean;
}

/** Everything the API server would refuse in an object's metadata. */
export function objectMetaViolations(metadata: Plain | undefined, context: ObjectMetaContext): SchemaViolation[] {
    const violations: SchemaViolation[] = [];
    const meta = metadata ?? {};
    const rule = nameRule(context.kind);
    if (typeof meta.name === "string") {
        if (meta.name === "" || !rule.test(meta.name)) {
            violations.push({ path: "metadata.name", reason: "invalid", detail: `Invalid value: ${rule.describe}` });
        }
    } else if (meta.name === undefined && meta.generateName === undefined) {
        if (context.patch) {
            violations.push({ path: "metadata.name", reason: "required", detail: "Required value: name or generateName is required" });
        } else if (!rule.test(`${context.resourceName}${AUTONAME_SUFFIX}`)) {
            violations.push({ path: "metadata.name", reason: "invalid", detail: `Invalid value: the name Pulumi generates from the resource name (plus a random suffix): ${rule.describe}` });
        }
    }
    if (typeof meta.namespace === "string" && !LABEL_RULE.test(meta.namespace)) {
        violations.push({ path: "metadata.namespace", reason: "invalid", detail: `Invalid value: ${LABEL_RULE.describe}` });
    }
    for (const [key, value] of Object.entries((meta.labels ?? {}) as Plain)) {
        const keyProblem = qualifiedNameProblem(key);
        if (keyProblem) {
            violations.push({ path: `metadata.labels[${JSON.stringify(key)}]`, reason: "invalid", detail: `Invalid value: label key: ${keyProblem}` });
        }
        if (typeof value === "string" && value !== "" && (value.length > 63 || !QUALIFIED_NAME.test(value))) {
            violations.push({ path: `metadata.labels[${JSON.stringify(key)}]`, reason: "invalid", detail: "Invalid value: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (at most 63 characters)" });
        }
    }
    let annotationBytes = 0;
    for (const [key, value] of Object.entries((meta.annotations ?? {}) as Plain)) {
        const keyProblem = qualifiedNameProblem(key.toLowerCase());
        if (keyProblem) {
            violations.push({ path: `metadata.annotations[${JSON.stringify(key)}]`, reason: "invalid", detail: `Invalid value: annotation key: ${keyProblem}` });
        }
        annotationBytes += Buffer.byteLength(key) + (typeof value === "string" ? Buffer.byteLength(value) : 0);
    }
    // TotalAnnotationSizeLimitB in k8s.io/apimachinery/pkg/api/validation/objectmeta.go.
    if (annotationBytes > 256 * 1024) {
        violations.push({ path: "metadata.annotations", reason: "invalid", detail: "Too long: may not be more than 262144 bytes" });
    }
    return violations;
}
