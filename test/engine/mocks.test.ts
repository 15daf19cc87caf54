/**
 * The mocks' answer to a stack reference: the rendered stack as a backend would report it, with no outputs (a stack
 * never deployed, an environment's first `pulumi up`) unless a test gives its last deployment's.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MockStack, PlatformMocks, PREVIOUS_OUTPUTS_VARIABLE } from "../../engine/mocks";

const ENVIRONMENT = { region: "eu-west-1", accountId: "111122223333" };
const SELF_MANAGED: MockStack = { organization: "organization", project: "secure-platform", stack: "dev" };
const CLOUD: MockStack = { organization: "acme", project: "secure-platform", stack: "dev" };

function read(self: MockStack, name: string, previous?: string): Record<string, unknown> {
    const { id, state } = new PlatformMocks(ENVIRONMENT, self, previous).newResource({
        type: "pulumi:pulumi:StackReference",
        name: "deploy-phase-guard",
        inputs: { name },
        custom: true,
        id: name,
    });
    assert.equal(id, name);
    return state;
}

describe("PlatformMocks' stack references", () => {
    it("answers no outputs for the rendered stack when no previous deployment is given, as for a stack never deployed", () => {
        delete process.env[PREVIOUS_OUTPUTS_VARIABLE];
        assert.deepEqual(read(CLOUD, "acme/secure-platform/dev").outputs, {});
        assert.deepEqual(read(CLOUD, "acme/secure-platform/dev", "").outputs, {});
    });

    it("answers the previous deployment's outputs when a test gives them", () => {
        const state = read(CLOUD, "acme/secure-platform/dev", JSON.stringify({ deployPhase: "platform", environment: "dev" }));
        assert.deepEqual(state.outputs, { deployPhase: "platform", environment: "dev" });
        assert.deepEqual(state.secretOutputNames, []);
    });

    it("takes the bare stack name on a self-managed backend, and only the full name on Pulumi Cloud", () => {
        assert.deepEqual(read(SELF_MANAGED, "dev").outputs, {});
        assert.deepEqual(read(SELF_MANAGED, "organization/secure-platform/dev").outputs, {});
        assert.throws(() => read(CLOUD, "dev"), /knows no stack "dev": a stack reference can only name the stack being rendered \(acme\/secure-platform\/dev\)/);
    });

    it("knows no other stack", () => {
        assert.throws(() => read(CLOUD, "acme/secure-platform/prod"), /knows no stack "acme\/secure-platform\/prod"/);
    });

    it("refuses previous outputs that are not a JSON object, naming the variable", () => {
        for (const bad of ["platform", "[]", "null"]) {
            assert.throws(() => read(CLOUD, "acme/secure-platform/dev", bad), new RegExp(`${PREVIOUS_OUTPUTS_VARIABLE} must be a JSON object of stack outputs`), bad);
        }
    });
});
