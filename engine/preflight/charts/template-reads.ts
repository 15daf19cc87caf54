/**
 * Which values a Helm chart reads, found in its templates' text: every `.Values.a.b`, `$.Values.a`,
 * `index .Values "a" "b"`, `hasKey .Values.a "b"`, a variable or `with`/`range` dot bound to a value and used
 * later, and whether each read uses the value whole (`toYaml .Values.nodeSelector`, printed, passed to a
 * function) or only tests it (`if .Values.autoscaling.enabled`). Go templates are only scanned, never
 * run: both branches of every `if` count, except a literal `{{ if false }}`.
 *
 * Two idioms of Istio's charts are understood rather than read as uses: merging a value into the values
 * themselves (`mustMergeOverwrite $.Values (index $.Values "pilot")`, istiod's templates/zzy_descope_legacy.yaml)
 * or into the defaults (`mustMergeOverwrite $defaults ... ($.Values.global ...)`, cni's templates/zzz_profile.yaml)
 * makes `pilot.x` (or `global.x`) an alias of `x`; and a template that uses the whole of `.Values` (zzz_profile's
 * merge, istiod's debugging ConfigMap of all values) reads no value in particular.
 */

/** A path into the values; `*` stands for any key or list index. */
export type ValuePath = readonly string[];

/** The internal key Istio's charts keep their defaults under (templates/zzz_profile.yaml merges it in). */
export const ISTIO_DEFAULTS_KEY = "_internal_defaults_do_not_set";

class ReadNode {
    readonly children = new Map<string, ReadNode>();
    /** The template tests or prints this value itself. */
    exact = false;
    /** The template uses this value with everything below it. */
    whole = false;
}

/** The value paths a chart's templates read. */
export class ValueReads {
    private readonly root = new ReadNode();

    add(path: ValuePath, how: "exact" | "whole"): void {
        let node = this.root;
        for (const segment of path) {
            let child = node.children.get(segment);
            if (!child) {
                child = new ReadNode();
                node.children.set(segment, child);
            }
            node = child;
        }
        if (how === "whole") {
            node.whole = true;
        } else {
            node.exact = true;
        }
    }

    /** The nodes a path reaches (following `*` as any key), and whether an ancestor or itself is used whole. */
    private walk(path: ValuePath): { nodes: ReadNode[]; whole: boolean } {
        let nodes = [this.root];
        for (const segment of path) {
            const next: ReadNode[] = [];
            for (const node of nodes) {
                if (node.whole) {
                    return { nodes: [], whole: true };
                }
                const child = node.children.get(segment);
                if (child) {
                    next.push(child);
                }
                const any = segment === "*" ? undefined : node.children.get("*");
                if (any) {
                    next.push(any);
                }
            }
            nodes = next;
            if (nodes.length === 0) {
                break;
            }
        }
        return { nodes, whole: nodes.some((n) => n.whole) };
    }

    /** True when the chart reads the value at `path`: the path itself, or an ancestor used whole. */
    reads(path: ValuePath): boolean {
        const { nodes, whole } = this.walk(path);
        return whole || nodes.some((n) => n.exact);
    }

    /** True when the chart looks at anything at, above (whole) or below `path`. */
    touches(path: ValuePath): boolean {
        const { nodes, whole } = this.walk(path);
        return whole || nodes.length > 0;
    }
}

/** What scanning a chart's templates found. */
export interface TemplateScan {
    readonly reads: ValueReads;
    /** Values merged onto the values themselves (`pilot` in istiod): `pilot.x` is read as `x`. */
    readonly descoped: ValuePath[];
    /** Values merged onto the chart's defaults before the user's values (`global` in cni). */
    readonly mergedIntoDefaults: ValuePath[];
}

export interface TemplateSource {
    /** The file's path in the chart, for errors. */
    readonly file: string;
    readonly text: string;
}

export interface ScanOptions {
    /**
     * Maps a path read by these templates to the chart's values (or drops it with `undefined`): for templates
     * rendered later with other values, e.g. istiod's injection templates.
     */
    readonly mapPath?: (path: ValuePath) => ValuePath | undefined;
}

/** Scans templates into `scan` (several calls may add to one scan). */
export function scanTemplates(sources: readonly TemplateSource[], scan: TemplateScan, options: ScanOptions = {}): void {
    for (const source of sources) {
        try {
            new Scanner(scan, options).run(source.text);
        } catch (error) {
            throw new Error(`${source.file}: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
}

export function emptyScan(): TemplateScan {
    return { reads: new ValueReads(), descoped: [], mergedIntoDefaults: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Lexing: the actions of a template and the tokens of an action.

/** The text of every `{{ ... }}` action, trim markers and comments removed. */
export function actionsOf(text: string): string[] {
    const actions: string[] = [];
    let i = 0;
    while (true) {
        const open = text.indexOf("{{", i);
        if (open < 0) {
            break;
        }
        let j = open + 2;
        let quote: string | undefined;
        let close = -1;
        while (j < text.length) {
            const c = text[j];
            if (quote) {
                if (c === "\\" && quote !== "`") {
                    j += 2;
                    continue;
                }
                if (c === quote) {
                    quote = undefined;
                }
            } else if (c === "\"" || c === "`" || c === "'") {
                quote = c;
            } else if (c === "/" && text[j + 1] === "*") {
                const end = text.indexOf("*/", j + 2);
                j = end < 0 ? text.length : end + 2;
                continue;
            } else if (c === "}" && text[j + 1] === "}") {
                close = j;
                break;
            }
            j++;
        }
        if (close < 0) {
            throw new Error(`an action opened at offset ${open} is never closed`);
        }
        let body = text.slice(open + 2, close);
        body = body.replace(/^-\s/, "").replace(/\s-$/, "").trim();
        if (!(body.startsWith("/*") && body.endsWith("*/"))) {
            actions.push(body);
        }
        i = close + 2;
    }
    return actions;
}

type Token =
    | { readonly k: "str"; readonly v: string }
    | { readonly k: "lit"; readonly v?: string } // numbers, true/false/nil, characters
    | { readonly k: "ident"; readonly v: string }
    | { readonly k: "field"; readonly base: string; readonly fields: readonly string[] } // base "." "$" or "$name"
    | { readonly k: "postfix"; readonly fields: readonly string[] } // `.a.b` right after `)`
    | { readonly k: "(" }
    | { readonly k: ")" }
    | { readonly k: "|" }
    | { readonly k: "," }
    | { readonly k: ":=" }
    | { readonly k: "=" };

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const FIELD_NAME = /[A-Za-z0-9_]+/y;

function lex(action: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    const fieldsFrom = (start: number): { fields: string[]; end: number } => {
        const fields: string[] = [];
        let j = start;
        while (action[j] === ".") {
            FIELD_NAME.lastIndex = j + 1;
            const m = FIELD_NAME.exec(action);
            if (!m) {
                break;
            }
            fields.push(m[0]);
            j = FIELD_NAME.lastIndex;
        }
        return { fields, end: j };
    };
    while (i < action.length) {
        const c = action[i];
        if (/\s/.test(c)) {
            i++;
        } else if (c === "\"" || c === "`") {
            let j = i + 1;
            let value = "";
            while (j < action.length && action[j] !== c) {
                if (c === "\"" && action[j] === "\\") {
                    value += action[j + 1];
                    j += 2;
                } else {
                    value += action[j++];
                }
            }
            tokens.push({ k: "str", v: value });
            i = j + 1;
        } else if (c === "'") {
            // A character constant: 'a' or '\n'.
            const end = action.indexOf("'", i + (action[i + 1] === "\\" ? 3 : 2));
            if (end < 0) {
                throw new Error(`an unterminated character constant in {{ ${action} }}`);
            }
            tokens.push({ k: "lit" });
            i = end + 1;
        } else if (c === "(" || c === ")" || c === "|" || c === ",") {
            tokens.push({ k: c });
            i++;
        } else if (c === ":" && action[i + 1] === "=") {
            tokens.push({ k: ":=" });
            i += 2;
        } else if (c === "=") {
            tokens.push({ k: "=" });
            i++;
        } else if (c === "." && tokens.length > 0 && tokens[tokens.length - 1].k === ")" && !/\s/.test(action[i - 1])) {
            const { fields, end } = fieldsFrom(i);
            tokens.push({ k: "postfix", fields });
            i = end;
        } else if (c === ".") {
            const { fields, end } = fieldsFrom(i);
            if (fields.length === 0 && /[0-9]/.test(action[i + 1] ?? "")) {
                // `.5`: a number
                tokens.push({ k: "lit" });
                i = end + 1;
                while (/[0-9]/.test(action[i] ?? "")) i++;
            } else {
                tokens.push({ k: "field", base: ".", fields });
                i = Math.max(end, i + 1);
            }
        } else if (c === "$") {
            IDENT.lastIndex = i + 1;
            const m = IDENT.exec(action);
            const name = m && m.index === i + 1 ? `$${m[0]}` : "$";
            const { fields, end } = fieldsFrom(i + name.length);
            tokens.push({ k: "field", base: name, fields });
            i = end;
        } else if (/[0-9+-]/.test(c)) {
            let j = i + 1;
            while (j < action.length && /[0-9a-fA-FxX._eE+-]/.test(action[j])) j++;
            tokens.push({ k: "lit" });
            i = j;
        } else {
            IDENT.lastIndex = i;
            const m = IDENT.exec(action);
            if (!m || m.index !== i) {
                throw new Error(`cannot read ${JSON.stringify(action.slice(i, i + 20))} in {{ ${action} }}`);
            }
            const word = m[0];
            tokens.push(word === "true" || word === "false" || word === "nil" ? { k: "lit", v: word } : { k: "ident", v: word });
            // `fn.field` does not occur in charts; a method call on a value would be lexed as a field.
            i = IDENT.lastIndex;
        }
    }
    return tokens;
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation: which values an expression may yield.

/** Something an expression may evaluate to: the template's context (`$`), or a value (by path). */
type Ref = { readonly t: "root" } | { readonly t: "values"; readonly path: ValuePath; readonly defaults?: boolean };
/** The refs an expression may yield, and its text when it is a string literal. */
interface Val {
    readonly refs: readonly Ref[];
    readonly lit?: string;
    readonly literalFalse?: boolean;
}

const OTHER: Val = { refs: [] };
const ROOT: Ref = { t: "root" };

/** Functions whose arguments are only looked at (compared, tested, measured): an exact read each. */
const TESTS = new Set(["not", "empty", "eq", "ne", "lt", "le", "gt", "ge", "len", "contains", "hasPrefix", "hasSuffix", "kindIs", "typeIs", "typeOf", "kindOf", "isset", "semverCompare", "regexMatch", "has"]);
/** Functions that return one of their arguments. */
const CHOICES = new Set(["default", "coalesce", "and", "or", "first", "deepCopy", "mustDeepCopy", "required", "valueOrDefault", "omit", "toString"]);
const MERGES = new Set(["merge", "mustMerge", "mergeOverwrite", "mustMergeOverwrite"]);

interface Scope {
    readonly kind: "top" | "if" | "with" | "range" | "define";
    dot: readonly Ref[];
    readonly outerDot: readonly Ref[];
    readonly vars: Map<string, readonly Ref[]>;
    /** Inside `{{ if false }}` up to its `else`. */
    dead: boolean;
}

class Scanner {
    private readonly scopes: Scope[] = [];

    constructor(private readonly scan: TemplateScan, private readonly options: ScanOptions) {
        this.scopes.push({ kind: "top", dot: [ROOT], outerDot: [ROOT], vars: new Map([["$", [ROOT]]]), dead: false });
    }

    private get top(): Scope {
        return this.scopes[this.scopes.length - 1];
    }

    private lookup(name: string): readonly Ref[] {
        for (let i = this.scopes.length - 1; i >= 0; i--) {
            const found = this.scopes[i].vars.get(name);
            if (found) {
                return found;
            }
            if (this.scopes[i].kind === "define") {
                break;
            }
        }
        return name === "$" ? [ROOT] : [];
    }

    private assign(name: string, refs: readonly Ref[], declare: boolean): void {
        if (!declare) {
            for (let i = this.scopes.length - 1; i >= 0; i--) {
                const old = this.scopes[i].vars.get(name);
                if (old) {
                    // A reassignment may or may not run: keep both.
                    this.scopes[i].vars.set(name, [...old, ...refs]);
                    return;
                }
            }
        }
        this.top.vars.set(name, refs);
    }

    private record(refs: readonly Ref[], how: "exact" | "whole"): void {
        for (const ref of refs) {
            // The whole `.Values` (zzz_profile's merge, a debugging dump) reads no value in particular.
            if (ref.t !== "values" || ref.path.length === 0) {
                continue;
            }
            const path = this.options.mapPath ? this.options.mapPath(ref.path) : ref.path;
            if (path && path.length > 0) {
                this.scan.reads.add(path, how);
            }
        }
    }

    run(text: string): void {
        for (const action of actionsOf(text)) {
            this.action(lex(action));
        }
    }

    private action(tokens: Token[]): void {
        if (tokens.length === 0) {
            return;
        }
        const first = tokens[0];
        const keyword = first.k === "ident" ? first.v : undefined;
        const scope = this.top;
        if (scope.dead) {
            // Only structure matters inside a dead branch.
            if (keyword === "if" || keyword === "with" || keyword === "range" || keyword === "define" || keyword === "block") {
                this.scopes.push({ kind: "if", dot: scope.dot, outerDot: scope.dot, vars: new Map(), dead: true });
            } else if (keyword === "end") {
                this.scopes.pop();
            } else if (keyword === "else" && this.scopes.length >= 2 && !this.scopes[this.scopes.length - 2].dead) {
                scope.dead = false;
                this.elseBranch(tokens.slice(1));
            }
            return;
        }
        switch (keyword) {
            case "if": {
                const value = this.pipeline(tokens.slice(1), "exact");
                this.scopes.push({ kind: "if", dot: scope.dot, outerDot: scope.dot, vars: new Map(), dead: value.literalFalse === true });
                return;
            }
            case "with": {
                const value = this.pipeline(tokens.slice(1), "exact");
                this.scopes.push({ kind: "with", dot: value.refs, outerDot: scope.dot, vars: new Map(), dead: false });
                this.bindDeclared(tokens.slice(1), value.refs);
                return;
            }
            case "range": {
                const value = this.pipeline(tokens.slice(1), "exact");
                const element = value.refs.map((r) => (r.t === "values" ? { ...r, path: [...r.path, "*"] } : r));
                this.scopes.push({ kind: "range", dot: element, outerDot: scope.dot, vars: new Map(), dead: false });
                this.bindDeclared(tokens.slice(1), element);
                return;
            }
            case "else":
                this.elseBranch(tokens.slice(1));
                return;
            case "end":
                if (this.scopes.length <= 1) {
                    throw new Error("{{ end }} without a block to close");
                }
                this.scopes.pop();
                return;
            case "define":
            case "block":
                this.scopes.push({ kind: "define", dot: [ROOT], outerDot: [ROOT], vars: new Map([["$", [ROOT]]]), dead: false });
                if (keyword === "block") {
                    this.record(this.pipeline(tokens.slice(2), "whole").refs, "whole");
                }
                return;
            case "template":
                // `template "name" .Values.x`: the named template gets the value; count it used whole.
                this.record(this.pipeline(tokens.slice(2), "whole").refs, "whole");
                return;
            case "break":
            case "continue":
                return;
            default: {
                const declared = this.declaration(tokens);
                if (declared) {
                    const value = this.pipeline(tokens.slice(declared.length), "none");
                    this.assign(declared.names[0], value.refs, declared.declare);
                } else {
                    this.pipeline(tokens, "whole");
                }
            }
        }
    }

    /** `{{ else }}`, `{{ else if P }}`, `{{ else with P }}`: the dot goes back to the block's outer dot. */
    private elseBranch(rest: Token[]): void {
        const scope = this.top;
        scope.dot = scope.outerDot;
        const next = rest[0];
        if (next?.k === "ident" && (next.v === "if" || next.v === "with")) {
            const value = this.pipeline(rest.slice(1), "exact");
            if (next.v === "with") {
                scope.dot = value.refs;
            }
            scope.dead = value.literalFalse === true;
        }
    }

    /** `$x :=`, `$x =`, `$k, $v :=` at the start of a pipeline. */
    private declaration(tokens: Token[]): { names: string[]; declare: boolean; length: number } | undefined {
        const names: string[] = [];
        let i = 0;
        while (i < tokens.length) {
            const t = tokens[i];
            if (t.k !== "field" || !t.base.startsWith("$") || t.fields.length > 0) {
                return undefined;
            }
            names.push(t.base);
            const next = tokens[i + 1];
            if (next?.k === ",") {
                i += 2;
                continue;
            }
            if (next?.k === ":=" || next?.k === "=") {
                return { names, declare: next.k === ":=", length: i + 2 };
            }
            return undefined;
        }
        return undefined;
    }

    private bindDeclared(tokens: Token[], refs: readonly Ref[]): void {
        const declared = this.declaration(tokens);
        if (declared) {
            for (const name of declared.names) {
                this.assign(name, refs, true);
            }
        }
    }

    /**
     * Evaluates a pipeline. `use` says what happens to its result: printed or passed on ("whole"), tested by
     * `if`/`with`/`range` ("exact"), or kept in a variable ("none": recorded when the variable is used).
     */
    private pipeline(tokens: Token[], use: "whole" | "exact" | "none"): Val {
        const declared = this.declaration(tokens);
        const body = declared ? tokens.slice(declared.length) : tokens;
        const commands: Token[][] = [[]];
        let depth = 0;
        for (const t of body) {
            if (t.k === "(") depth++;
            if (t.k === ")") depth--;
            if (t.k === "|" && depth === 0) {
                commands.push([]);
            } else {
                commands[commands.length - 1].push(t);
            }
        }
        let value: Val | undefined;
        for (const command of commands) {
            value = this.command(command, value);
        }
        const result = value ?? OTHER;
        if (use !== "none") {
            this.record(result.refs, use);
        }
        return result;
    }

    /** Splits a command into its terms (a parenthesised pipeline with its postfix fields is one term). */
    private terms(tokens: Token[]): Token[][] {
        const terms: Token[][] = [];
        let i = 0;
        while (i < tokens.length) {
            const t = tokens[i];
            if (t.k === "(") {
                let depth = 0;
                let j = i;
                for (; j < tokens.length; j++) {
                    if (tokens[j].k === "(") depth++;
                    if (tokens[j].k === ")") depth--;
                    if (depth === 0) break;
                }
                let end = j + 1;
                if (tokens[end]?.k === "postfix") end++;
                terms.push(tokens.slice(i, end));
                i = end;
            } else {
                terms.push([t]);
                i++;
            }
        }
        return terms;
    }

    private term(tokens: Token[]): Val {
        const t = tokens[0];
        switch (t.k) {
            case "str":
                return { refs: [], lit: t.v };
            case "lit":
                return { refs: [], literalFalse: t.v === "false" };
            case "field": {
                const base = t.base === "." ? this.top.dot : this.lookup(t.base);
                return { refs: this.fields(base, t.fields) };
            }
            case "(": {
                const close = tokens[tokens.length - 1].k === "postfix" ? tokens.length - 2 : tokens.length - 1;
                const inner = this.pipeline(tokens.slice(1, close), "none");
                const postfix = tokens[tokens.length - 1];
                return postfix.k === "postfix" ? { refs: this.fields(inner.refs, postfix.fields) } : inner;
            }
            case "ident":
                // A function with no arguments (`dict`, `list`, `now`).
                return this.call(t.v, []);
            default:
                return OTHER;
        }
    }

    private fields(base: readonly Ref[], fields: readonly string[]): Ref[] {
        const out: Ref[] = [];
        for (const ref of base) {
            if (ref.t === "root") {
                if (fields.length === 0) {
                    out.push(ref);
                } else if (fields[0] === "Values") {
                    out.push(valuesRef(fields.slice(1)));
                }
                // .Release, .Chart, .Capabilities, .Files, .ObjectMeta...: not values.
            } else {
                out.push(valuesRef([...ref.path, ...fields], ref.defaults));
            }
        }
        return out;
    }

    private command(tokens: Token[], piped: Val | undefined): Val {
        const terms = this.terms(tokens);
        if (terms.length === 0) {
            return piped ?? OTHER;
        }
        const head = terms[0][0];
        if (head.k === "ident" && terms[0].length === 1) {
            const args = terms.slice(1).map((term) => this.term(term));
            if (piped) {
                args.push(piped);
            }
            return this.call(head.v, args);
        }
        // An operand alone (a value passed on through a pipe is not possible here).
        return this.term(terms[0]);
    }

    private call(name: string, args: Val[]): Val {
        const union = (vals: Val[]): Val => ({ refs: vals.flatMap((v) => v.refs) });
        const keysOf = (vals: Val[]) => vals.map((v) => v.lit ?? "*");
        switch (name) {
            case "index":
            case "get": {
                const [base, ...keys] = args;
                return { refs: (base?.refs ?? []).flatMap((r) => extend(r, keysOf(keys))) };
            }
            case "hasKey": {
                const [base, key] = args;
                if (base && key) {
                    this.record(base.refs.flatMap((r) => extend(r, [key.lit ?? "*"])), "exact");
                }
                return OTHER;
            }
            case "pick": {
                const [base, ...keys] = args;
                if (!base) return OTHER;
                return { refs: keysOf(keys).flatMap((k) => base.refs.flatMap((r) => extend(r, [k]))) };
            }
            case "dig": {
                // dig "a" "b" default dict
                const dict = args[args.length - 1];
                const keys = keysOf(args.slice(0, -2));
                this.record(args[args.length - 2]?.refs ?? [], "whole");
                return { refs: (dict?.refs ?? []).flatMap((r) => extend(r, keys)) };
            }
            case "ternary": {
                const [a, b, cond] = args;
                if (cond) this.record(cond.refs, "exact");
                return union([a, b].filter((v): v is Val => v !== undefined));
            }
            case "set":
            case "unset": {
                const [target, , value] = args;
                if (target && !target.refs.some(isValuesRoot) && value) {
                    this.record(value.refs, "whole");
                }
                return target ?? OTHER;
            }
            case "include":
            case "template": {
                // The named template is scanned with the chart's context; a value passed instead is used whole.
                this.record(args[1]?.refs ?? [], "whole");
                return OTHER;
            }
            default:
                break;
        }
        if (MERGES.has(name)) {
            const [target, ...sources] = args;
            if (target && target.refs.some(isValuesRoot)) {
                const intoDefaults = target.refs.some((r) => r.t === "values" && r.path.length === 0 && r.defaults);
                for (const source of sources) {
                    for (const ref of source.refs) {
                        if (ref.t === "values" && ref.path.length > 0) {
                            (intoDefaults ? this.scan.mergedIntoDefaults : this.scan.descoped).push(ref.path);
                        }
                    }
                }
                return OTHER;
            }
            return union(args);
        }
        if (TESTS.has(name)) {
            for (const arg of args) {
                this.record(arg.refs, "exact");
            }
            return OTHER;
        }
        if (CHOICES.has(name)) {
            return union(args);
        }
        // Anything else (toYaml, quote, printf, dict, tpl, indent...) uses its arguments whole.
        for (const arg of args) {
            this.record(arg.refs, "whole");
        }
        return OTHER;
    }
}

function valuesRef(path: ValuePath, defaults?: boolean): Ref {
    // Istio's defaults live under an internal key and are merged into the values: the same paths.
    if (path[0] === ISTIO_DEFAULTS_KEY) {
        return { t: "values", path: path.slice(1), defaults: true };
    }
    return defaults ? { t: "values", path, defaults } : { t: "values", path };
}

/** `index ref k1 k2`: a value below `ref`; from the context, only `.Values` leads to values. */
function extend(ref: Ref, keys: readonly string[]): Ref[] {
    if (ref.t === "root") {
        return keys[0] === "Values" ? [valuesRef(keys.slice(1))] : [];
    }
    return [valuesRef([...ref.path, ...keys], ref.defaults)];
}

function isValuesRoot(ref: Ref): boolean {
    return ref.t === "values" && ref.path.length === 0;
}
