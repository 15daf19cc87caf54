/**
 * The deploy-phase guard: which name the stack reference to the stack itself takes, what the last deployment's outputs
 * say, when the foundation phase is refused and with which message, and, rendered under the engine's mocks, that the
 * refusal comes before any resource is registered and that the platform phase reads nothing.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type * as pulumi from "@pulumi/pulumi";
import { deployAwsPlatform } from "../../../infra/aws/aws-platform";
import { deployPhaseProblem, guardDeployPhase, lastDeployment, selfReferenceName } from "../../../infra/aws/deploy-phase-guard";
import { PlatformMocks, PREVIOUS_OUTPUTS_VARIABLE } from "../../../engine/mocks";
import { renderProgram } from "../../../engine/program";
import { minimal, P, parse } from "../../harness/config-fixtures";

describe("selfReferenceName", () => {
    it("names the stack in full on Pulumi Cloud, which takes nothing shorter", () => {
        assert.equal(selfReferenceName({ organization: "acme", project: P, stack: "prod" }), "acme/secure-platform/prod");
    });

    it("names the bare stack on a self-managed backend, which both of its layouts take", () => {
        assert.equal(selfReferenceName({ organization: "organization", project: P, stack: "prod" }), "prod");
    });
});

describe("lastDeployment", () => {
    it("sees no deployment when the stack has no outputs", () => {
        assert.equal(lastDeployment({}), "none");
    });

    it("reads the phase the last deployment exported", () => {
        assert.equal(lastDeployment({ environment: "prod", deployPhase: "foundation" }), "foundation");
        assert.equal(lastDeployment({ environment: "prod", deployPhase: "platform" }), "platform");
    });

    it("takes an unknown phase for the platform phase, failing closed", () => {
        assert.equal(lastDeployment({ environment: "prod", deployPhase: "Foundation" }), "platform");
        assert.equal(lastDeployment({ environment: "prod", deployPhase: null }), "platform");
    });

    it("recognises a deployment from before the phases by its outputs without deployPhase", () => {
        assert.equal(lastDeployment({ environment: "dev", clusterName: "secure-platform-dev" } as { environment: string }), "before-phases");
    });
});

describe("deployPhaseProblem", () => {
    it("never objects to the platform phase, which declares everything the foundation phase does", () => {
        for (const last of ["none", "foundation", "platform", "before-phases"] as const) {
            assert.equal(deployPhaseProblem("platform", last, "acme/secure-platform/prod", P), undefined, last);
        }
    });

    it("lets the foundation phase deploy a fresh stack or one deployed in the foundation phase", () => {
        assert.equal(deployPhaseProblem("foundation", "none", "acme/secure-platform/prod", P), undefined);
        assert.equal(deployPhaseProblem("foundation", "foundation", "acme/secure-platform/prod", P), undefined);
    });

    it("refuses the foundation phase after the platform phase, naming the setting, the stack, the risk and the fix", () => {
        const problem = deployPhaseProblem("foundation", "platform", "acme/secure-platform/prod", P);
        assert.ok(problem);
        assert.match(problem, /^secure-platform:deployPhase: foundation, but the last deployment of stack acme\/secure-platform\/prod was in the platform phase/);
        assert.match(problem, /delete every one the stack holds, MongoDB and its data included/);
        assert.match(problem, /`pulumi config rm secure-platform:deployPhase`/);
        assert.match(problem, /deploy runner, or a machine in privateAccessCidrs/);
    });

    it("refuses the foundation phase over a deployment from before the phases", () => {
        assert.match(deployPhaseProblem("foundation", "before-phases", "acme/secure-platform/prod", P) ?? "", /^secure-platform:deployPhase: foundation, but stack acme\/secure-platform\/prod was last deployed by a version of this program without phases/);
    });
});

describe("guardDeployPhase under the engine's mocks", () => {
    const reads: string[] = [];
    let readsAfterPlatform = -1;
    const registered: string[] = [];
    let failure: unknown;

    before(async () => {
        const newResource = PlatformMocks.prototype.newResource;
        PlatformMocks.prototype.newResource = function (this: PlatformMocks, args: pulumi.runtime.MockResourceArgs) {
            if (args.type === "pulumi:pulumi:StackReference") {
                reads.push(String((args.inputs as { name?: unknown }).name));
            }
            return newResource.call(this, args);
        };
        process.env[PREVIOUS_OUTPUTS_VARIABLE] = JSON.stringify({ environment: "dev", deployPhase: "platform" });
        const foundation = parse(minimal("dev", { deployPhase: "foundation" }), "test");
        try {
            await renderProgram({
                program: async () => {
                    await guardDeployPhase({ project: P, deploy: { phase: "platform" } });
                    readsAfterPlatform = reads.length;
                    return deployAwsPlatform(foundation);
                },
                project: P,
                stack: "test",
                config: {},
                secretKeys: [],
                mockEnvironment: { region: "eu-west-1", accountId: "111122223333" },
                onRegister: (urn) => registered.push(urn),
            });
        } catch (error) {
            failure = error;
        } finally {
            delete process.env[PREVIOUS_OUTPUTS_VARIABLE];
            PlatformMocks.prototype.newResource = newResource;
        }
    });

    it("reads nothing in the platform phase", () => {
        assert.equal(readsAfterPlatform, 0);
    });

    it("reads the stack's own outputs once in the foundation phase, by the name a self-managed backend takes", () => {
        assert.deepEqual(reads, ["test"]);
    });

    it("fails the foundation phase after a platform deployment before any resource but the root stack is registered", () => {
        assert.match(String((failure as Error | undefined)?.message), /secure-platform:deployPhase: foundation, but the last deployment of stack organization\/secure-platform\/test was in the platform phase/);
        assert.deepEqual(registered, ["urn:pulumi:test::secure-platform::pulumi:pulumi:Stack::secure-platform-test"]);
    });
});
