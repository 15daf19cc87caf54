/**
 * Renders a committed stack in this process, as the check does but without the policy pack, and writes every
 * recorded resource (options included) as JSON on stdout. Mocks are process-wide: run it once per render
 * (`renderStackInChild`).
 *
 * Usage: render-stack.ts <stack> [<scenario JSON>], the scenario `{config?, reissued?}`:
 * - `config`: settings that replace or add to the stack file's (fully qualified keys, values as the CLI passes them);
 * - `reissued`: resource types or logical names whose outputs come out new, as when their provider creates them
 *   again (a certificate the tls provider renews, a key a raised generation replaces). The mocks otherwise answer
 *   the same for the same type and name, so without it a second render would hold the same certificates and keys.
 */
import * as path from "node:path";
import { DEFAULT_MOCK_ACCOUNT, PlatformMocks } from "../../engine/mocks";
import { renderProgram } from "../../engine/program";
import { loadProject, loadStackSettings, stackFilePath } from "../../engine/stack-file";

interface Scenario {
    readonly config?: Readonly<Record<string, string>>;
    readonly reissued?: readonly string[];
}

async function main(stack: string, scenario: Scenario): Promise<void> {
    const project = loadProject(path.resolve(__dirname, "..", ".."));
    const settings = loadStackSettings(stackFilePath(project, stack), project.name);
    const config = { ...settings.config, ...scenario.config };
    const reissued = new Set(scenario.reissued ?? []);
    const newResource = PlatformMocks.prototype.newResource;
    PlatformMocks.prototype.newResource = function (args) {
        return newResource.call(this, reissued.has(args.type) || reissued.has(args.name) ? { ...args, name: `${args.name}#reissued` } : args);
    };
    const { resources } = await renderProgram({
        program: project.main,
        project: project.name,
        stack,
        config,
        secretKeys: settings.secretKeys,
        mockEnvironment: {
            region: config["aws:region"] ?? "us-east-1",
            accountId: config[`${project.name}:awsAccountId`] ?? DEFAULT_MOCK_ACCOUNT,
        },
    });
    await new Promise<void>((resolve) => process.stdout.write(JSON.stringify(resources), () => resolve()));
}

main(process.argv[2], JSON.parse(process.argv[3] ?? "{}") as Scenario).then(() => process.exit(0), (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`, () => process.exit(3));
});
