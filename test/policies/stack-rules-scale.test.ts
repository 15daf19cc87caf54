/**
 * Stack rules see every resource of the stack, and a stack grows with its tenants (a namespace, its
 * network policies, quotas and claims each). A rule that compares every resource of one kind with every
 * resource of another (a filter inside a loop) costs the square of the stack: at 1000 tenants that is
 * seconds of the check. Here each stack rule runs over its own corpus stacks copied k and 2k times (each
 * copy with names and namespaces of its own, as tenants have), and the property reads it makes must grow linearly
 * (2×, with a little slack), not quadratically (4×).
 * Reads are counted, not timed, so the test is exact on any machine.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RULES } from "../../policies/registry";
import { type CaseResource, loadCorpus, type PolicyCase } from "../harness/policy-cases";
import { runRule } from "../harness/policy-unit";
import type { WireValue } from "../../engine/wire";

const COPIES = 6;
/** Linear growth doubles the reads; the fixed part of a rule (its config, one-off lookups) keeps it at or below. */
const MAX_GROWTH = 2.1;

const corpus = new Map(loadCorpus().map((c) => [c.policy, c]));

/** Counts every property read of `value` and of the objects read from it. */
function counting(value: WireValue, counter: { reads: number }): WireValue {
    if (typeof value !== "object" || value === null) {
        return value;
    }
    const wrapped = new WeakMap<object, unknown>();
    return new Proxy(value, {
        get(target, key, receiver) {
            counter.reads++;
            const read = Reflect.get(target, key, receiver) as WireValue;
            if (typeof read !== "object" || read === null) {
                return read;
            }
            if (!wrapped.has(read)) {
                wrapped.set(read, counting(read, counter));
            }
            return wrapped.get(read);
        },
    });
}

/** Top-level properties that name or point at a resource (a bucket's name, a flow log's `vpcId`). */
const IDENTIFIER = /^(name|id|arn|bucket)$|(Id|Arn|Name)$/;

/**
 * A copy of the resource's properties in which its identifiers and its namespace (or, for a Namespace,
 * its name) are the copy's own, as a tenant's are: references inside a copy still match, and none
 * reaches into another copy.
 */
function ownCopy(resource: CaseResource, copy: number): Record<string, WireValue> {
    const own = (name: WireValue) => (typeof name === "string" ? `${name}-copy${copy}` : name);
    const props = Object.fromEntries(Object.entries(resource.props).map(([key, value]) => [key, IDENTIFIER.test(key) ? own(value) : value]));
    const metadata = resource.props.metadata;
    if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
        return props;
    }
    const renamed = { ...metadata } as Record<string, WireValue>;
    if (resource.type === "kubernetes:core/v1:Namespace") {
        renamed.name = own(renamed.name);
    } else if ("namespace" in renamed) {
        renamed.namespace = own(renamed.namespace);
    }
    return { ...props, metadata: renamed };
}

/** The case's stack `copies` times over (each copy's URNs, parents and dependencies its own), reads counted. */
function copied(testCase: PolicyCase, copies: number, counter: { reads: number }): PolicyCase {
    const resources: CaseResource[] = [];
    for (let i = 0; i < copies; i++) {
        const urn = (u: string) => `${u}#${i}`;
        for (const r of testCase.resources) {
            resources.push({
                ...r,
                urn: urn(r.urn),
                props: counting(ownCopy(r, i), counter) as Record<string, WireValue>,
                ...(r.parent ? { parent: urn(r.parent) } : {}),
                dependencies: (r.dependencies ?? []).map(urn),
                propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, v.map(urn)])),
            });
        }
    }
    return { ...testCase, resources };
}

async function readsFor(testCase: PolicyCase, copies: number, rule: (typeof RULES)[number]): Promise<number> {
    const counter = { reads: 0 };
    await runRule(rule, copied(testCase, copies, counter));
    return counter.reads;
}

describe("stack rules read each resource a bounded number of times", () => {
    const stackRules = RULES.filter((rule) => rule.kind === "stack");
    it("covers every stack rule", () => {
        assert.ok(stackRules.length >= 10, `found ${stackRules.length} stack rules`);
        for (const rule of stackRules) {
            assert.ok(corpus.has(rule.metadata.name), `${rule.metadata.name} has no corpus`);
        }
    });
    for (const rule of stackRules) {
        it(rule.metadata.name, async () => {
            const cases = corpus.get(rule.metadata.name)!;
            let measured = 0;
            for (const testCase of [...cases.compliant, ...cases.violating]) {
                const once = await readsFor(testCase, COPIES, rule);
                const twice = await readsFor(testCase, 2 * COPIES, rule);
                if (once === 0) {
                    continue;
                }
                measured++;
                assert.ok(twice <= MAX_GROWTH * once,
                    `case "${testCase.name}": ${once} property reads for ${COPIES} copies of the stack, ${twice} for ${2 * COPIES} (×${(twice / once).toFixed(2)}): the rule compares resources pairwise; index them first`);
            }
            assert.ok(measured > 0, "no case made the rule read a property");
        });
    }
});
