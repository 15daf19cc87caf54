/**
 * In the pack every policy reads the same deserialized properties, so the unit harness hands rules
 * properties that refuse writes: a rule that changes what it judges fails its tests.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defineResourceRule, defineStackRule, type Props } from "../../policies/lib/rule";
import { resource } from "./policy-cases";
import { runRule } from "./policy-unit";

const METADATA = { description: "A test rule.", severity: "low", controls: ["FSBP S3.17"], remediation: "None." } as const;

function resourceRule(validate: (props: Props) => void) {
    return defineResourceRule({ ...METADATA, name: "check-writes", resourceTypes: ["test:index:Thing"], validate });
}

const thing = resource("test:index:Thing", "thing", { list: ["b", "a"], nested: { deeper: { value: "x" } } });

describe("rules run by the unit harness cannot write to what they judge", () => {
    it("reads pass", async () => {
        const outcome = await runRule(resourceRule((props) => void [...props.list].sort()), { name: "reads", resources: [thing] });
        assert.deepEqual(outcome.violations, []);
    });
    for (const [what, write] of [
        ["sorting a list in place", (props: Props) => props.list.sort()],
        ["setting a nested value", (props: Props) => (props.nested.deeper.value = "y")],
        ["deleting a property", (props: Props) => delete props.nested],
        ["adding a property", (props: Props) => Object.defineProperty(props, "added", { value: 1 })],
    ] as const) {
        it(`${what} throws`, async () => {
            await assert.rejects(runRule(resourceRule(write), { name: what, resources: [thing] }), /must not be written/);
        });
    }
    it("stack rules too", async () => {
        const rule = defineStackRule({ ...METADATA, name: "check-stack-writes", validate: (resources) => void resources[0].props.list.reverse() });
        await assert.rejects(runRule(rule, { name: "stack", resources: [thing] }), /must not be written/);
        assert.deepEqual(thing.props.list, ["b", "a"]);
    });
});
