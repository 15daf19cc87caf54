/**
 * The policy corpus: for every rule, stacks of hand-written resources that must pass and stacks that
 * must fail it. The same cases run against the rule directly (unit tests) and through the real pack
 * over gRPC (test/policies/corpus.test.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PolicyPackConfig } from "../../engine/analyzer";
import { UNKNOWN, type WireValue } from "../../engine/wire";

/** Where the corpus lives: a `<rule-name>.cases.ts` beside each rule's test, under test/policies. */
const CORPUS_DIR = path.resolve(__dirname, "..", "policies");

function caseFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? caseFiles(full) : entry.name.endsWith(".cases.ts") ? [full] : [];
    });
}

/** Every rule's cases, in the order of their files' paths. */
export function loadCorpus(): RuleCases[] {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return caseFiles(CORPUS_DIR).sort().map((file) => (require(file) as { default: RuleCases }).default);
}

/** A value that is not known yet, as the engine sends it during a preview. */
export const unknown = UNKNOWN;

export interface CaseResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Inputs as a program would send them; also used as outputs for stack rules. */
    readonly props: Record<string, WireValue>;
    readonly parent?: string;
    readonly protect?: boolean;
    readonly dependencies?: readonly string[];
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

export interface PolicyCase {
    readonly name: string;
    readonly resources: readonly CaseResource[];
    /** Policy pack config for this case (as `--policy-pack-config`). */
    readonly config?: PolicyPackConfig;
}

export interface ViolatingCase extends PolicyCase {
    /** The violation message must match. */
    readonly message: RegExp;
}

export interface RuleCases {
    readonly policy: string;
    readonly compliant: readonly PolicyCase[];
    readonly violating: readonly ViolatingCase[];
    /** Cases whose deciding value is unknown (a preview): the rule must neither pass nor crash. */
    readonly unknown: readonly PolicyCase[];
}

export interface ResourceOptions {
    readonly parent?: string;
    readonly protect?: boolean;
    readonly dependsOn?: readonly CaseResource[];
    /** Property name → the resources its value came from. */
    readonly from?: Readonly<Record<string, readonly CaseResource[]>>;
}

/** A resource as a user might declare it in any Pulumi program. */
export function resource(type: string, name: string, props: Record<string, WireValue>, options: ResourceOptions = {}): CaseResource {
    const from = options.from ?? {};
    const propertyDependencies = Object.fromEntries(Object.entries(from).map(([key, sources]) => [key, sources.map((s) => s.urn)]));
    const dependencies = [...new Set([...(options.dependsOn ?? []).map((r) => r.urn), ...Object.values(propertyDependencies).flat()])];
    return {
        urn: `urn:pulumi:corpus::handwritten::${type}::${name}`,
        type,
        name,
        props,
        ...(options.parent ? { parent: options.parent } : {}),
        ...(options.protect !== undefined ? { protect: options.protect } : {}),
        dependencies,
        propertyDependencies,
    };
}

export function ruleCases(policy: string, cases: { compliant: PolicyCase[]; violating: ViolatingCase[]; unknown?: PolicyCase[] }): RuleCases {
    if (cases.compliant.length === 0 || cases.violating.length === 0) {
        throw new Error(`${policy}: every rule needs at least one compliant and one violating case`);
    }
    return { policy, compliant: cases.compliant, violating: cases.violating, unknown: cases.unknown ?? [] };
}
