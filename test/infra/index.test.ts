/**
 * The program's entry point refuses a Pulumi CLI older than it needs before registering anything. The engine's
 * answer is stood in for by replacing the SDK's `requirePulumiVersion` (under mocks there is no engine to ask).
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { renderProgram } from "../../engine/program";
import { loadStackSettings } from "../../engine/stack-file";
import { PULUMI_CLI_VERSIONS } from "../../infra/versions";

const ROOT = path.resolve(__dirname, "..", "..");

describe("infra/index.ts", () => {
    it("asks the engine for the CLI versions it needs and, refused, fails naming them before registering any resource", async () => {
        // The SDK's own refusal on a CLI older than 3.217, which has no RequirePulumiVersion call.
        const asked: string[] = [];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const settings = require("@pulumi/pulumi/runtime/settings") as { requirePulumiVersion(range: string): Promise<void> };
        settings.requirePulumiVersion = async (range: string) => {
            asked.push(range);
            throw new Error("The installed version of the CLI does not support the `RequirePulumiVersion` RPC. Please upgrade the Pulumi CLI.");
        };
        const registered: string[] = [];
        await assert.rejects(
            renderProgram({
                program: path.join(ROOT, "infra"),
                project: "secure-platform",
                stack: "dev",
                config: loadStackSettings(path.join(ROOT, "stacks", "Pulumi.dev.yaml"), "secure-platform").config,
                secretKeys: [],
                mockEnvironment: { region: "eu-west-1", accountId: "111122223333" },
                onRegister: (urn) => registered.push(urn),
            }),
            (error: Error) => error.message.startsWith(`secure-platform needs Pulumi CLI ${PULUMI_CLI_VERSIONS} (infra/versions.ts; README, "Deploying"); upgrade the CLI: `) &&
                error.message.includes("does not support the `RequirePulumiVersion` RPC"),
        );
        assert.deepEqual(asked, [PULUMI_CLI_VERSIONS]);
        assert.deepEqual(registered, ["urn:pulumi:dev::secure-platform::pulumi:pulumi:Stack::secure-platform-dev"]);
    });

    it("needs at least the release whose engine honours replacementTrigger and compares it by value (3.226.0)", () => {
        assert.match(PULUMI_CLI_VERSIONS, /^>=3\.(\d+)\.\d+$/);
        assert.ok(Number(/^>=3\.(\d+)\./.exec(PULUMI_CLI_VERSIONS)![1]) >= 226, PULUMI_CLI_VERSIONS);
    });
});
