/**
 * Reads raw stack configuration one setting at a time and collects problems instead of stopping at
 * the first, so a user sees every mistake in one run. Values arrive as the Pulumi CLI passes them:
 * strings, with lists and objects JSON-encoded. Pure: no SDK, no I/O.
 */
import { ConfigError } from "./errors";
import { closestMatch } from "./naming";

/** A setting's documentation: one line, and its default in words. */
export interface SettingDoc {
    readonly summary: string;
    readonly default: string;
}

export class ConfigReader {
    private readonly problems: string[] = [];

    /**
     * @param secretKeys fully qualified keys whose values are secret (`pulumi config set --secret`), as
     * the CLI lists them to the program; undefined when unknown, and then secrecy is not checked.
     */
    constructor(
        private readonly raw: Readonly<Record<string, string>>,
        readonly project: string,
        private readonly secretKeys?: ReadonlySet<string>,
    ) {}

    /** `key` qualified with the project namespace unless it names another namespace. */
    fullKey(key: string): string {
        return key.includes(":") ? key : `${this.project}:${key}`;
    }

    get(key: string): string | undefined {
        return this.raw[this.fullKey(key)];
    }

    problem(key: string, message: string): void {
        this.problems.push(`${this.fullKey(key)}: ${message}`);
    }

    get hasProblems(): boolean {
        return this.problems.length > 0;
    }

    throwIfProblems(): void {
        if (this.problems.length > 0) {
            throw new ConfigError(this.problems);
        }
    }

    /** Every key under the project namespace must be a known setting; suggests the closest one. */
    rejectUnknownKeys(known: readonly string[]): void {
        const prefix = `${this.project}:`;
        for (const fullKey of Object.keys(this.raw).sort()) {
            if (!fullKey.startsWith(prefix)) {
                continue;
            }
            const key = fullKey.slice(prefix.length);
            if (!known.includes(key)) {
                const suggestion = closestMatch(key, known);
                const hint = suggestion ? `did you mean ${prefix}${suggestion}? ` : "";
                this.problems.push(`${fullKey}: unknown setting; ${hint}known settings: ${known.join(", ")}`);
            }
        }
    }

    /**
     * A value that must be stored encrypted in the stack file. A plain value is refused: it would sit
     * readable in the repository and in every copy of it.
     */
    secret(key: string, what: string): string | undefined {
        const value = this.get(key);
        if (value !== undefined && this.secretKeys !== undefined && !this.secretKeys.has(this.fullKey(key))) {
            this.problem(key, `must be a secret (${what}); set it with \`pulumi config set --secret ${this.fullKey(key)}\` (in the stack file: {secure: ...}), not as a plain value`);
            return undefined;
        }
        return value;
    }

    /** Whether the value of `key` is stored as a secret; undefined when the CLI did not say. */
    isSecret(key: string): boolean | undefined {
        return this.secretKeys === undefined ? undefined : this.secretKeys.has(this.fullKey(key));
    }

    /** A JSON-encoded structured value; a plain string stays a string. */
    structured(key: string): unknown {
        const text = this.get(key);
        if (text === undefined) {
            return undefined;
        }
        try {
            return JSON.parse(text);
        } catch {
            return text;
        }
    }

    oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T | undefined): T | undefined {
        const value = this.get(key);
        if (value === undefined) {
            if (fallback === undefined) {
                this.problem(key, `missing; set it to one of ${allowed.join(", ")}`);
            }
            return fallback;
        }
        if (!(allowed as readonly string[]).includes(value)) {
            this.problem(key, `${JSON.stringify(value)} is not allowed; use one of ${allowed.join(", ")}`);
            return undefined;
        }
        return value as T;
    }

    integer(key: string, fallback: number): number | undefined {
        const text = this.get(key);
        if (text === undefined) {
            return fallback;
        }
        if (!/^-?\d+$/.test(text)) {
            this.problem(key, `${JSON.stringify(text)} is not a whole number`);
            return undefined;
        }
        return Number(text);
    }

    integerInRange(key: string, min: number, max: number, fallback: number): number | undefined {
        const value = this.integer(key, fallback);
        if (value !== undefined && (value < min || value > max)) {
            this.problem(key, `${value} is out of range; use a whole number from ${min} to ${max}`);
            return undefined;
        }
        return value;
    }

    /** A string matching `pattern`, or undefined when absent; `what` describes the expected form. */
    matching(key: string, pattern: RegExp, what: string): string | undefined {
        const value = this.get(key);
        if (value !== undefined && !pattern.test(value)) {
            this.problem(key, `${JSON.stringify(value)} is not ${what}`);
            return undefined;
        }
        return value;
    }

    stringList(key: string, value: unknown): string[] | undefined {
        if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
            this.problem(key, `expected a list of strings, got ${describe(value)}`);
            return undefined;
        }
        return value as string[];
    }

    /** Reports each value that appears more than once; true when there is none. */
    noDuplicates(key: string, values: readonly string[], noun = "entry"): boolean {
        const seen = new Set<string>();
        const duplicates = new Set<string>();
        for (const value of values) {
            (seen.has(value) ? duplicates : seen).add(value);
        }
        for (const duplicate of duplicates) {
            this.problem(key, `duplicate ${noun} ${JSON.stringify(duplicate)}; each must appear once`);
        }
        return duplicates.size === 0;
    }

    /** Reports fields of `entry` outside `allowed`; true when there is none. */
    onlyFields(key: string, where: string, entry: object, allowed: readonly string[]): boolean {
        const unknown = Object.keys(entry).filter((field) => !allowed.includes(field));
        for (const field of unknown) {
            this.problem(key, `${where}.${field} is not a known field; allowed: ${allowed.join(", ")}`);
        }
        return unknown.length === 0;
    }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as it appears in a message: JSON, shortened. */
export function describe(value: unknown): string {
    const text = JSON.stringify(value);
    const shown = text === undefined ? String(value) : text;
    return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}

/**
 * The offline check cannot decrypt a stack's secure values, so it gives each a placeholder starting
 * with this prefix, like an unknown value in a preview. Validation that needs a secret's content (is it
 * a PEM key?) skips a placeholder; whether the value is secret at all is still checked.
 */
export const OFFLINE_PLACEHOLDER_PREFIX = "offline-placeholder-for-";

export function isOfflinePlaceholder(value: string): boolean {
    return value.startsWith(OFFLINE_PLACEHOLDER_PREFIX);
}
