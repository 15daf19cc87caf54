/**
 * Runs a program of additions (test/stacks/additions/) through the whole engine with the dev stack's settings,
 * and checks each addition: the insecure twin is stopped by its rules, the secure twin passes every rule and
 * preflight, and the check itself completes.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { CheckResult, runCheck } from "../../engine/engine";
import { RULES } from "../../policies/registry";
import { Addition, belongsTo, nameOf, TWINS, Twin } from "../stacks/additions/catalogue";
import { ROOT } from "./cli";

export function judgeAdditions(program: string, additions: readonly Addition[]): void {
    let result: CheckResult;

    before(async () => {
        result = await runCheck({ root: ROOT, stack: "dev", program });
    });

    const ofTwin = (addition: Addition, twin: Twin) => ({
        resources: result.resources.filter((r) => belongsTo(r.name, addition.name, twin)),
        mandatory: result.violations.filter((v) => v.enforcementLevel === "mandatory" && belongsTo(nameOf(v.urn), addition.name, twin)),
        preflight: result.preflight.filter((f) => belongsTo(nameOf(f.urn), addition.name, twin)),
    });

    it("pins only rules the pack registers", () => {
        const registered = new Set(RULES.map((rule) => rule.metadata.name));
        assert.deepEqual(additions.flatMap((a) => a.rules.filter((rule) => !registered.has(rule)).map((rule) => `${a.name}: ${rule}`)), []);
    });

    for (const addition of additions) {
        describe(addition.what, () => {
            it("renders both twins", () => {
                for (const twin of TWINS) {
                    assert.ok(ofTwin(addition, twin).resources.length > 0, `no resource of ${addition.name}-${twin}`);
                }
            });

            it(`stops the insecure twin with ${addition.rules.join(", ")}`, () => {
                const drawn = new Set(ofTwin(addition, "insecure").mandatory.map((v) => v.policyName));
                assert.deepEqual(addition.rules.filter((rule) => !drawn.has(rule)), [], `drew ${[...drawn].join(", ") || "nothing"}`);
            });

            it("lets the secure twin through every rule and preflight", () => {
                const { mandatory, preflight } = ofTwin(addition, "secure");
                assert.deepEqual(mandatory.map((v) => `${v.policyName} on ${nameOf(v.urn)}: ${v.message.split("\n").pop()}`), []);
                assert.deepEqual(preflight.map((f) => `${f.check} on ${nameOf(f.urn)}: ${f.message}`), []);
            });
        });
    }
}
