/**
 * `aws.iam.getPolicyDocument` answered offline the way the provider computes it: the Terraform data source
 * `aws_iam_policy_document` (hashicorp/terraform-provider-aws internal/service/iam/policy_document_data_source.go
 * and policy_model.go), which builds the JSON locally and asks AWS nothing.
 *
 * What the provider does, and so this does:
 * - Source documents are merged first (a Sid may appear in only one of them), then the statements given, then
 *   each override document, in order; a statement with the Sid of an earlier one replaces it, one without a Sid
 *   is appended. A later document's `Id` wins, and the highest `Version`.
 * - A statement's `Effect` defaults to `Allow`; an empty Sid is left out.
 * - Actions, resources and principal identifiers are sets: duplicates are dropped, a single value becomes a
 *   string and several a list in reverse lexical order. Condition values keep their order; a single one becomes
 *   a string.
 * - Principals of one type are merged into one key; a single `{type: "*", identifiers: ["*"]}` is `"*"`.
 * - `&{` (a policy variable escaped from interpolation) becomes `${` in resources, identifiers and values.
 * - `json` is Go's `json.MarshalIndent(doc, "", "  ")` (object keys of maps sorted, `<`, `>` and `&` escaped),
 *   `minifiedJson` its `json.Marshal`, and `id` the CRC-32 of `json`.
 */
import * as zlib from "node:zlib";
import { isObject } from "./wire";

export interface PolicyDocumentArgs {
    readonly version?: string;
    readonly policyId?: string;
    readonly statements?: readonly StatementArgs[];
    readonly sourcePolicyDocuments?: readonly (string | null)[];
    readonly overridePolicyDocuments?: readonly (string | null)[];
}

export interface StatementArgs {
    readonly sid?: string;
    readonly effect?: string;
    readonly actions?: readonly string[];
    readonly notActions?: readonly string[];
    readonly resources?: readonly string[];
    readonly notResources?: readonly string[];
    readonly principals?: readonly PrincipalArgs[];
    readonly notPrincipals?: readonly PrincipalArgs[];
    readonly conditions?: readonly { readonly test: string; readonly variable: string; readonly values: readonly string[] }[];
}

interface PrincipalArgs {
    readonly type: string;
    readonly identifiers: readonly string[];
}

type Strings = string | string[];

interface Principal {
    readonly type: string;
    readonly identifiers: Strings;
}

interface Condition {
    readonly test: string;
    readonly variable: string;
    readonly values: Strings;
}

/** A statement as the provider's model holds it; `raw` keeps what a source or override document gave as is. */
interface Statement {
    sid: string;
    effect: string;
    actions?: unknown;
    notActions?: unknown;
    resources?: unknown;
    notResources?: unknown;
    principals?: Principal[];
    notPrincipals?: Principal[];
    conditions?: Condition[];
}

interface PolicyDoc {
    version: string;
    id: string;
    statements: Statement[];
}

const VERSIONS = ["2008-10-17", "2012-10-17"];

/** A set of strings as the provider writes it: one value as a string, several in reverse lexical order. */
function decodeSet(values: readonly string[]): Strings {
    const unique = [...new Set(values)];
    return unique.length === 1 ? unique[0] : unique.sort().reverse();
}

function replaceVariables(values: Strings, version: string, what: string): Strings {
    const replace = (value: string) => {
        if (version === "2008-10-17" && value.includes("&{")) {
            throw new Error(`reading ${what}: found &{ sequence in (${value}), which is not supported in document version 2008-10-17`);
        }
        return value.split("&{").join("${");
    };
    return typeof values === "string" ? replace(values) : values.map(replace);
}

function principalsOf(given: readonly PrincipalArgs[] | undefined, version: string, what: string): Principal[] | undefined {
    if (!given || given.length === 0) {
        return undefined;
    }
    const seen = new Set<string>();
    const principals: Principal[] = [];
    for (const principal of given) {
        const identifiers = replaceVariables(decodeSet(principal.identifiers ?? []), version, what);
        const key = JSON.stringify([principal.type, identifiers]);
        if (!seen.has(key)) {
            seen.add(key);
            principals.push({ type: principal.type, identifiers });
        }
    }
    return principals;
}

function statementOf(given: StatementArgs, index: number, version: string, sids: Set<string>): Statement {
    const effect = given.effect ?? "Allow";
    if (effect !== "Allow" && effect !== "Deny") {
        throw new Error(`statements[${index}].effect: expected one of [Allow Deny], got ${effect}`);
    }
    const sid = given.sid ?? "";
    if (!/^[a-zA-Z0-9]*$/.test(sid)) {
        throw new Error(`statements[${index}].sid: must only include alphanumeric characters, got ${JSON.stringify(sid)}`);
    }
    if (sid !== "") {
        if (sids.has(sid)) {
            throw new Error(`writing IAM Policy Document: duplicate Sid (${sid}). Remove the Sid or ensure the Sid is unique.`);
        }
        sids.add(sid);
    }
    const set = (values: readonly string[] | undefined, what: string, variables: boolean): Strings | undefined => {
        if (!values || values.length === 0) {
            return undefined;
        }
        const decoded = decodeSet(values);
        return variables ? replaceVariables(decoded, version, what) : decoded;
    };
    const statement: Statement = { sid, effect };
    statement.actions = set(given.actions, "actions", false);
    statement.notActions = set(given.notActions, "not_actions", false);
    statement.resources = set(given.resources, "resources", true);
    statement.notResources = set(given.notResources, "not_resources", true);
    statement.principals = principalsOf(given.principals, version, "principals");
    statement.notPrincipals = principalsOf(given.notPrincipals, version, "not_principals");
    if (given.conditions && given.conditions.length > 0) {
        statement.conditions = given.conditions.map((condition) => {
            const values = replaceVariables([...(condition.values ?? [])], version, "condition");
            return { test: condition.test, variable: condition.variable, values: values.length === 1 ? values[0] : values };
        });
    }
    return statement;
}

/** A source or override document, read as the provider's model unmarshals it (unknown keys are dropped). */
function parseDocument(json: string, what: string): PolicyDoc {
    let parsed: unknown;
    try {
        parsed = JSON.parse(json);
    } catch (error) {
        throw new Error(`writing IAM Policy Document: merging ${what}: ${(error as Error).message}`);
    }
    if (!isObject(parsed)) {
        throw new Error(`writing IAM Policy Document: merging ${what}: not a JSON object`);
    }
    const statements = parsed.Statement === undefined || parsed.Statement === null ? [] : parsed.Statement;
    if (!Array.isArray(statements)) {
        throw new Error(`writing IAM Policy Document: merging ${what}: Statement must be a list`);
    }
    return {
        version: typeof parsed.Version === "string" ? parsed.Version : "",
        id: typeof parsed.Id === "string" ? parsed.Id : "",
        statements: statements.filter(isObject).map((s) => ({
            sid: typeof s.Sid === "string" ? s.Sid : "",
            effect: typeof s.Effect === "string" ? s.Effect : "",
            actions: s.Action ?? undefined,
            notActions: s.NotAction ?? undefined,
            resources: s.Resource ?? undefined,
            notResources: s.NotResource ?? undefined,
            principals: s.Principal === undefined || s.Principal === null ? undefined : parsePrincipals(s.Principal, what),
            notPrincipals: s.NotPrincipal === undefined || s.NotPrincipal === null ? undefined : parsePrincipals(s.NotPrincipal, what),
            conditions: isObject(s.Condition) ? parseConditions(s.Condition) : undefined,
        })),
    };
}

function parsePrincipals(value: unknown, what: string): Principal[] {
    if (typeof value === "string") {
        return [{ type: "*", identifiers: ["*"] }];
    }
    if (!isObject(value)) {
        throw new Error(`writing IAM Policy Document: merging ${what}: unsupported principal ${JSON.stringify(value)}`);
    }
    return Object.entries(value).map(([type, identifiers]) => {
        if (typeof identifiers === "string") {
            return { type, identifiers };
        }
        if (Array.isArray(identifiers) && identifiers.every((i) => typeof i === "string")) {
            return { type, identifiers: [...(identifiers as string[])].sort() };
        }
        throw new Error(`writing IAM Policy Document: merging ${what}: principal ${type} must be a string or a list of strings`);
    });
}

function parseConditions(value: Record<string, unknown>): Condition[] {
    const conditions: Condition[] = [];
    for (const [test, variables] of Object.entries(value)) {
        for (const [variable, values] of Object.entries(isObject(variables) ? variables : {})) {
            if (typeof values === "string") {
                conditions.push({ test, variable, values: [values] });
            } else if (typeof values === "boolean") {
                conditions.push({ test, variable, values: String(values) });
            } else if (Array.isArray(values)) {
                conditions.push({ test, variable, values: values.map(String) });
            }
        }
    }
    return conditions;
}

/** `IAMPolicyDoc.Merge`: adopt the newer Id and Version, replace statements by Sid, append the rest. */
function merge(into: PolicyDoc, next: PolicyDoc): void {
    if (next.id.length > 0) {
        into.id = next.id;
    }
    if (next.version > into.version) {
        into.version = next.version;
    }
    for (const statement of next.statements) {
        const existing = statement.sid === "" ? -1 : into.statements.findIndex((s) => s.sid === statement.sid);
        if (existing >= 0) {
            into.statements[existing] = statement;
        } else {
            into.statements.push(statement);
        }
    }
}

/** Go's map marshalling: keys in sorted order. */
function sortedKeys<T>(map: Map<string, T>): Record<string, T> {
    return Object.fromEntries([...map.keys()].sort().map((key) => [key, map.get(key) as T]));
}

/** `IAMPolicyStatementPrincipalSet.MarshalJSON`. */
function principalsJson(principals: readonly Principal[]): unknown {
    if (principals.length === 1 && principals[0].type === "*") {
        const only = principals[0].identifiers;
        if (only === "*" || (Array.isArray(only) && only.length === 1 && only[0] === "*")) {
            return "*";
        }
    }
    const byType = new Map<string, Strings>();
    for (const { type, identifiers } of principals) {
        const current = byType.get(type);
        if (Array.isArray(identifiers)) {
            const list = current === undefined ? [] : typeof current === "string" ? [current] : current;
            byType.set(type, [...list, ...[...identifiers].sort().reverse()]);
        } else if (current === undefined) {
            byType.set(type, identifiers);
        } else {
            byType.set(type, typeof current === "string" ? [current, identifiers] : [...current, identifiers]);
        }
    }
    return sortedKeys(byType);
}

/** `IAMPolicyStatementConditionSet.MarshalJSON`: values of one test and variable accumulate, a single one flattens. */
function conditionsJson(conditions: readonly Condition[]): unknown {
    const byTest = new Map<string, Map<string, string[]>>();
    for (const { test, variable, values } of conditions) {
        const variables = byTest.get(test) ?? new Map<string, string[]>();
        byTest.set(test, variables);
        variables.set(variable, [...(variables.get(variable) ?? []), ...(typeof values === "string" ? [values] : values)]);
    }
    return sortedKeys(new Map([...byTest].map(([test, variables]) => [
        test,
        sortedKeys(new Map([...variables].map(([variable, values]) => [variable, values.length === 1 ? values[0] : values] as const))),
    ])));
}

/**
 * The document in the provider's field order, `omitempty` fields left out as Go does: empty strings and lists,
 * and an action or resource field only when absent (a document may give an empty one, which Go keeps).
 */
function documentJson(doc: PolicyDoc): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const put = (into: Record<string, unknown>, key: string, value: unknown) => {
        if (value !== undefined && value !== null && value !== "") {
            into[key] = value;
        }
    };
    put(out, "Version", doc.version);
    put(out, "Id", doc.id);
    if (doc.statements.length > 0) {
        out.Statement = doc.statements.map((s) => {
            const statement: Record<string, unknown> = {};
            put(statement, "Sid", s.sid);
            put(statement, "Effect", s.effect);
            for (const [key, value] of [["Action", s.actions], ["NotAction", s.notActions], ["Resource", s.resources], ["NotResource", s.notResources]] as const) {
                if (value !== undefined && value !== null) {
                    statement[key] = value;
                }
            }
            put(statement, "Principal", s.principals && s.principals.length > 0 ? principalsJson(s.principals) : undefined);
            put(statement, "NotPrincipal", s.notPrincipals && s.notPrincipals.length > 0 ? principalsJson(s.notPrincipals) : undefined);
            put(statement, "Condition", s.conditions && s.conditions.length > 0 ? conditionsJson(s.conditions) : undefined);
            return statement;
        });
    }
    return out;
}

/** Go's encoding/json escapes these inside strings (HTML safety and JavaScript line terminators). */
function goEscape(json: string): string {
    return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export interface PolicyDocumentResult {
    readonly id: string;
    readonly json: string;
    readonly minifiedJson: string;
}

export function policyDocument(args: PolicyDocumentArgs): PolicyDocumentResult {
    const version = args.version ?? "2012-10-17";
    if (!VERSIONS.includes(version)) {
        throw new Error(`version: expected one of [${VERSIONS.join(" ")}], got ${version}`);
    }
    const merged: PolicyDoc = { version: "", id: "", statements: [] };
    const sourceSids = new Set<string>();
    (args.sourcePolicyDocuments ?? []).forEach((json, index) => {
        if (json === null || json === undefined) {
            return;
        }
        const source = parseDocument(json, `source document ${index}`);
        source.statements.forEach((statement, statementIndex) => {
            if (statement.sid !== "") {
                if (sourceSids.has(statement.sid)) {
                    throw new Error(`writing IAM Policy Document: merging source document ${index}: duplicate Sid (${statement.sid}) in source_policy_documents (statement ${statementIndex}). Remove the Sid or ensure Sids are unique.`);
                }
                sourceSids.add(statement.sid);
            }
        });
        merge(merged, source);
    });
    const sids = new Set<string>();
    merge(merged, {
        version,
        id: args.policyId ?? "",
        statements: (args.statements ?? []).map((statement, index) => statementOf(statement, index, version, sids)),
    });
    (args.overridePolicyDocuments ?? []).forEach((json, index) => {
        if (json !== null && json !== undefined) {
            merge(merged, parseDocument(json, `override document ${index}`));
        }
    });
    const document = documentJson(merged);
    const json = goEscape(JSON.stringify(document, null, 2));
    return { id: String(zlib.crc32(json)), json, minifiedJson: goEscape(JSON.stringify(document)) };
}
