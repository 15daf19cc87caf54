/**
 * Reading IAM policy documents (identity policies, trust policies, resource policies) as a program
 * declares them: a JSON string (`JSON.stringify`, `aws.iam.getPolicyDocumentOutput(...).json`) or the
 * object form @pulumi/aws accepts (`aws.iam.PolicyDocument`). `Statement` may be one object or a list,
 * and `Action`, `Resource`, `Principal` values a string or a list. Helpers read a statement's fields only
 * when asked, so a value unknown during a preview stops a rule only when the rule needs it.
 */
import type { Props } from "./rule";

/** The statements of a policy document, `"invalid"` when it cannot be read, undefined when there is none. */
export function policyStatements(document: unknown): Props[] | "invalid" | undefined {
    if (document === undefined || document === null || document === "") {
        return undefined;
    }
    let parsed: unknown = document;
    if (typeof document === "string") {
        try {
            parsed = JSON.parse(document);
        } catch {
            return "invalid";
        }
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        return "invalid";
    }
    const statement = (parsed as Props).Statement;
    if (statement === undefined) {
        return [];
    }
    const statements = Array.isArray(statement) ? statement : [statement];
    return statements.filter((s): s is Props => typeof s === "object" && s !== null && !Array.isArray(s));
}

/** A string or list of strings as a list (other values are left out). */
export function stringList(value: unknown): string[] {
    return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
}

/** How a statement is named in messages: its Sid, or its position. */
export function statementLabel(statement: Props, index: number): string {
    return typeof statement.Sid === "string" && statement.Sid !== "" ? `Statement ${statement.Sid}` : `Statement ${index + 1} (no Sid)`;
}

export function isAllow(statement: Props): boolean {
    return statement.Effect === "Allow";
}

/** Whether an IAM pattern (`*` any run, `?` one character; case-insensitive) matches `value`. */
export function patternMatches(pattern: string, value: string): boolean {
    const regex = pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
    return new RegExp(`^${regex}$`, "i").test(value);
}

/** Whether a statement grants `action`: an `Action` pattern names it, or a `NotAction` leaves it in. */
export function grantsAction(statement: Props, action: string): boolean {
    if (statement.NotAction !== undefined) {
        return !stringList(statement.NotAction).some((pattern) => patternMatches(pattern, action));
    }
    return stringList(statement.Action).some((pattern) => patternMatches(pattern, action));
}

/** The patterns of `Action` that name every action (`*`, `*:*`). */
export function allActionPatterns(statement: Props): string[] {
    return stringList(statement.Action).filter((a) => /^\*(:\*)?$/.test(a));
}

/** Whether a statement applies to every resource: `Resource` holds `*`, or it names resources by `NotResource`. */
export function appliesToEveryResource(statement: Props): boolean {
    return statement.NotResource !== undefined || stringList(statement.Resource).includes("*");
}

export interface Principals {
    /** `"*"` or `{ AWS: "*" }`: anyone, signed in to any account or not. */
    readonly anyone: boolean;
    readonly aws: string[];
    readonly service: string[];
    readonly federated: string[];
}

/** Who a statement's `Principal` names; a `NotPrincipal` counts as anyone (everyone but a few). */
export function principalsOf(statement: Props): Principals {
    if (statement.NotPrincipal !== undefined) {
        return { anyone: true, aws: [], service: [], federated: [] };
    }
    const principal = statement.Principal;
    if (principal === "*") {
        return { anyone: true, aws: [], service: [], federated: [] };
    }
    if (typeof principal !== "object" || principal === null) {
        return { anyone: false, aws: [], service: [], federated: [] };
    }
    const aws = stringList((principal as Props).AWS);
    return {
        anyone: aws.includes("*"),
        aws: aws.filter((a) => a !== "*"),
        service: stringList((principal as Props).Service),
        federated: stringList((principal as Props).Federated),
    };
}

/** The 12-digit account a principal stands for as a whole (its root ARN or its bare ID), else undefined. */
export function wholeAccount(principal: string): string | undefined {
    if (/^\d{12}$/.test(principal)) {
        return principal;
    }
    return /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(principal)?.[1];
}

/**
 * Condition operators that limit a request to the listed values. Negated operators, `Null`, `Bool` and
 * the `...IfExists` forms (which pass when the key is absent) limit nothing by themselves, nor does
 * `ForAllValues:` (true for a request without the key).
 */
const LIMITING_OPERATORS = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);

function isLimitingOperator(operator: string): boolean {
    const lower = operator.toLowerCase();
    if (lower.startsWith("forallvalues:")) {
        return false;
    }
    return LIMITING_OPERATORS.has(lower.replace(/^foranyvalue:/, ""));
}

/** Whether a condition value admits only some requests: not empty, not made of wildcards alone. */
export function limitsValue(key: string, value: unknown): boolean {
    if (typeof value !== "string" && typeof value !== "number") {
        return false;
    }
    const text = String(value);
    if (/\$\{/.test(text)) {
        // A policy variable stands for whatever the request carries.
        return false;
    }
    const fixed = text.replace(/[*?]/g, "");
    if (!/[a-z0-9]/i.test(fixed)) {
        return false;
    }
    if (text.startsWith("arn:")) {
        // An ARN limits when it names an account, or a resource of an account-less service (an S3 bucket).
        const [, , , , account, ...rest] = text.split(":");
        return /^\d{12}$/.test(account ?? "") || (account === "" && /[a-z0-9]/i.test(rest.join(":").replace(/[*?]/g, "")));
    }
    if (/:sub$/i.test(key)) {
        // An OIDC subject such as GitHub's `repo:*` names no repository.
        return /[a-z0-9]/i.test(fixed.replace(/^repo:/i, ""));
    }
    return true;
}

/**
 * The condition keys (lower-case) of `condition` that limit who or what the statement admits: a limiting
 * operator and values that are all limiting.
 */
export function limitingConditionKeys(condition: unknown): Set<string> {
    const keys = new Set<string>();
    if (typeof condition !== "object" || condition === null) {
        return keys;
    }
    for (const [operator, clause] of Object.entries(condition as Props)) {
        if (!isLimitingOperator(operator) || typeof clause !== "object" || clause === null) {
            continue;
        }
        for (const [key, value] of Object.entries(clause as Props)) {
            const values = Array.isArray(value) ? value : [value];
            if (values.length > 0 && values.every((v) => limitsValue(key, v))) {
                keys.add(key.toLowerCase());
            }
        }
    }
    return keys;
}

/** Whether `condition` limits the statement with one of `keys` (compared case-insensitively). */
export function limitedBy(condition: unknown, keys: readonly string[]): boolean {
    const found = limitingConditionKeys(condition);
    return keys.some((key) => found.has(key.toLowerCase()));
}

/** Identity-based policies, by the resource type that holds them. */
export const IDENTITY_POLICY_TYPES = [
    "aws:iam/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
    "aws:iam/role:Role",
] as const;

export interface IdentityPolicy {
    /** Where the document is, for messages: `policy` or `inlinePolicies[<name>]`. */
    readonly where: string;
    readonly document: unknown;
}

/** The identity-based policy documents a resource of IDENTITY_POLICY_TYPES declares. */
export function identityPolicies(type: string, props: Props): IdentityPolicy[] {
    if (type === "aws:iam/role:Role") {
        const inline = Array.isArray(props.inlinePolicies) ? (props.inlinePolicies as Props[]) : [];
        return inline.map((p, i) => ({ where: `inlinePolicies[${typeof p.name === "string" && p.name !== "" ? p.name : i}]`, document: p.policy }));
    }
    return [{ where: "policy", document: props.policy }];
}

/**
 * Calls `judge` with each Allow statement of the identity-based policies a resource of IDENTITY_POLICY_TYPES declares
 * (its label, e.g. `statement 2 ("Admin")`, and where the document is); a document that does not parse is reported.
 */
export function forEachIdentityAllow(type: string, props: Props, report: (message: string) => void,
    judge: (statement: Props, label: string, where: string) => void): void {
    for (const { where, document } of identityPolicies(type, props)) {
        const statements = policyStatements(document);
        if (statements === "invalid") {
            report(`${where} is not a valid policy document, so what it allows cannot be checked.`);
            continue;
        }
        (statements ?? []).forEach((statement, i) => {
            if (isAllow(statement)) {
                judge(statement, statementLabel(statement, i), where);
            }
        });
    }
}
