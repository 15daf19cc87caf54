/**
 * Every rule's corpus through the real pack: launched by the SDK's run-policy-pack as the CLI does,
 * driven over gRPC (Configure, Analyze per resource, AnalyzeStack). Compliant stacks get no diagnostic
 * from the rule, violating ones a mandatory diagnostic with the control and the remediation, and a
 * value unknown during a preview an advisory "can't run" diagnostic (not a pass, not a crash).
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { controlLabel } from "../../policies/lib/controls";
import { RULES } from "../../policies/registry";
import { Diagnostic, PolicyPackSession } from "../../engine/analyzer";
import { loadCorpus, type PolicyCase, type RuleCases } from "../harness/policy-cases";

const ROOT = path.resolve(__dirname, "..", "..");

const corpus: RuleCases[] = loadCorpus();

let session: PolicyPackSession;
let currentConfig = "";

async function diagnosticsFor(policy: string, testCase: PolicyCase): Promise<Diagnostic[]> {
    const config = JSON.stringify(testCase.config ?? {});
    if (config !== currentConfig) {
        await session.configure(testCase.config ?? {});
        currentConfig = config;
    }
    const analyzed = testCase.resources.map((r) => ({
        urn: r.urn, type: r.type, name: r.name, properties: r.props, parent: r.parent, protect: r.protect,
        dependencies: r.dependencies, propertyDependencies: r.propertyDependencies,
    }));
    const perResource = await Promise.all(analyzed.map((r) => session.analyze(r)));
    const stack = await session.analyzeStack(analyzed);
    return [...perResource.flat(), ...stack].filter((d) => d.policyName === policy);
}

describe("policy corpus through the policy pack", () => {
    before(async () => {
        session = await PolicyPackSession.launch({ packDir: path.join(ROOT, "policies"), project: "handwritten", stack: "corpus", dryRun: true });
        await session.configure({});
    });
    after(() => session?.close());

    it("has a corpus for every rule of the pack, and none for rules that do not exist", () => {
        assert.deepEqual(corpus.map((c) => c.policy).sort(), RULES.map((r) => r.metadata.name).sort());
    });

    it("publishes every rule as mandatory with its controls, severity and remediation", () => {
        const published = new Map(session.analyzerInfo.policies.map((p) => [p.name, p]));
        for (const rule of RULES) {
            const info = published.get(rule.metadata.name);
            assert.ok(info, `${rule.metadata.name} is not served by the pack`);
            assert.equal(info.enforcementLevel, "mandatory");
            assert.equal(info.severity, rule.metadata.severity);
            assert.equal(info.remediationSteps, rule.metadata.remediation);
            for (const control of rule.metadata.controls) {
                assert.ok(info.description.includes(controlLabel(control)), `${rule.metadata.name}: description lacks ${controlLabel(control)}`);
            }
        }
    });

    for (const cases of corpus) {
        describe(cases.policy, () => {
            for (const testCase of cases.compliant) {
                it(`passes: ${testCase.name}`, async () => {
                    assert.deepEqual(await diagnosticsFor(cases.policy, testCase), []);
                });
            }
            for (const testCase of cases.violating) {
                it(`fails: ${testCase.name}`, async () => {
                    const diagnostics = await diagnosticsFor(cases.policy, testCase);
                    assert.ok(diagnostics.length > 0, "expected a diagnostic");
                    for (const d of diagnostics) {
                        assert.equal(d.enforcementLevel, "mandatory");
                        assert.ok(d.message.startsWith(d.description), "the message starts with the description, which names the control");
                        assert.match(d.message, /\nRemediation: \S/);
                    }
                    assert.ok(diagnostics.some((d) => testCase.message.test(d.message)), `no message matches ${testCase.message}:\n${diagnostics.map((d) => d.message).join("\n")}`);
                });
            }
            for (const testCase of cases.unknown) {
                it(`reports it cannot run during a preview: ${testCase.name}`, async () => {
                    const diagnostics = await diagnosticsFor(cases.policy, testCase);
                    assert.ok(diagnostics.length > 0, "an unknown value must not pass silently");
                    for (const d of diagnostics) {
                        assert.equal(d.enforcementLevel, "advisory");
                        assert.match(d.message, /can't run policy .* during preview/);
                    }
                });
            }
        });
    }
});
