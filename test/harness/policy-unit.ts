/**
 * Calls a rule the way the policy SDK does, without a pack process: resource rules get each
 * resource's properties behind the SDK's unknown-checking proxy, stack rules get every resource with
 * parent and dependencies resolved to resource objects.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import type { PolicyResource } from "../../policies/lib/policy-api";
import type { Rule } from "../../policies/lib/rule";
import type { CaseResource, PolicyCase, RuleCases } from "./policy-cases";

export interface UnitOutcome {
    readonly violations: readonly { readonly urn?: string; readonly message: string }[];
    /** Set when the rule touched an unknown value: the SDK reports "can't run during preview". */
    readonly unknown?: string;
}

/**
 * The properties as a rule sees them in the pack, where every policy reads the same deserialized
 * object (policies/lib/convert-once.ts): any write, at any depth, throws and fails the rule's test.
 */
function readOnly<T>(value: T, views = new WeakMap<object, unknown>()): T {
    if (typeof value !== "object" || value === null) {
        return value;
    }
    if (!views.has(value)) {
        const refuse = (key: string | symbol) => {
            throw new TypeError(`a rule changed the property ${String(key)} of what it judges: properties are shared by every rule and must not be written`);
        };
        views.set(value, new Proxy(value, {
            get: (target, key, receiver) => readOnly(Reflect.get(target, key, receiver), views),
            set: (_target, key) => refuse(key),
            deleteProperty: (_target, key) => refuse(key),
            defineProperty: (_target, key) => refuse(key),
            setPrototypeOf: () => refuse("__proto__"),
        }));
    }
    return views.get(value) as T;
}

function ruleConfig(rule: Rule, testCase: PolicyCase): Record<string, unknown> {
    const entry = testCase.config?.[rule.metadata.name];
    if (entry === undefined || typeof entry === "string") {
        return {};
    }
    const { enforcementLevel: _level, ...properties } = entry;
    return properties;
}

function policyResources(resources: readonly CaseResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const list = resources.map((r) => {
        const props = unknownCheckingProxy(readOnly(r.props));
        const policyResource: PolicyResource = {
            type: r.type,
            urn: r.urn,
            name: r.name,
            props,
            opts: { protect: r.protect ?? false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [] },
            dependencies: [],
            propertyDependencies: {},
        };
        byUrn.set(r.urn, policyResource);
        return policyResource;
    });
    resources.forEach((r, i) => {
        const target = list[i] as { parent?: PolicyResource; dependencies: PolicyResource[]; propertyDependencies: Record<string, PolicyResource[]> };
        if (r.parent && byUrn.has(r.parent)) {
            target.parent = byUrn.get(r.parent);
        }
        target.dependencies = (r.dependencies ?? []).map((u) => byUrn.get(u)).filter((x): x is PolicyResource => x !== undefined);
        for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
            target.propertyDependencies[key] = urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => x !== undefined);
        }
    });
    return list;
}

/** Runs one rule over one case. */
export async function runRule(rule: Rule, testCase: PolicyCase): Promise<UnitOutcome> {
    const violations: { urn?: string; message: string }[] = [];
    const config = ruleConfig(rule, testCase);
    try {
        if ("validateResource" in rule.policy && rule.policy.validateResource) {
            const validations = Array.isArray(rule.policy.validateResource) ? rule.policy.validateResource : [rule.policy.validateResource];
            for (const r of testCase.resources) {
                for (const validate of validations) {
                    const pulumiType = (validate as { __pulumiType?: string }).__pulumiType;
                    if (pulumiType && pulumiType !== r.type) {
                        continue;
                    }
                    await validate({
                        type: r.type, urn: r.urn, name: r.name, props: unknownCheckingProxy(readOnly(r.props)),
                        opts: { protect: r.protect ?? false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], ...(r.parent ? { parent: r.parent } : {}) },
                        getConfig: <T>() => config as T,
                    }, (message: string) => violations.push({ urn: r.urn, message }));
                }
            }
        } else if ("validateStack" in rule.policy) {
            await rule.policy.validateStack({
                resources: policyResources(testCase.resources),
                getConfig: <T>() => config as T,
            }, (message: string, urn?: string) => violations.push({ urn, message }));
        }
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return { violations, unknown: (error as Error).message };
        }
        throw error;
    }
    return { violations };
}

/**
 * The unit tests every rule gets: each compliant case passes cleanly, each violating case is reported
 * with the expected message, and the rule's metadata is complete.
 */
export function testRuleCases(rule: Rule, cases: RuleCases): void {
    describe(rule.metadata.name, () => {
        it("is the rule the cases are written for", () => {
            assert.equal(cases.policy, rule.metadata.name);
        });
        for (const testCase of cases.compliant) {
            it(`passes: ${testCase.name}`, async () => {
                const outcome = await runRule(rule, testCase);
                assert.equal(outcome.unknown, undefined);
                assert.deepEqual(outcome.violations, []);
            });
        }
        for (const testCase of cases.violating) {
            it(`fails: ${testCase.name}`, async () => {
                const outcome = await runRule(rule, testCase);
                assert.equal(outcome.unknown, undefined);
                assert.ok(outcome.violations.length > 0, "expected a violation");
                assert.ok(outcome.violations.some((v) => testCase.message.test(v.message)),
                    `no violation matches ${testCase.message}: ${JSON.stringify(outcome.violations)}`);
                for (const v of outcome.violations) {
                    assert.match(v.message, /\nRemediation: \S/);
                }
            });
        }
        for (const testCase of cases.unknown) {
            it(`cannot decide during a preview: ${testCase.name}`, async () => {
                const outcome = await runRule(rule, testCase);
                assert.ok(outcome.unknown, "expected the rule to stop at the unknown value");
            });
        }
    });
}
