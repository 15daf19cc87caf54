/**
 * `npm run check -- (--stack <name> [--config-file <path>] | --all-stacks) [--format <format>]
 * [--policy-pack-config <path>] [--output <path>]`
 *
 * Renders a stack (or every stack, each in its own process) offline, runs preflight (what the real
 * systems would refuse) and the policy pack on it.
 * Exit codes: 0 passed, 1 a mandatory violation, 2 bad flags or bad stack settings (the reason on
 * stderr), 3 the program or the policy pack failed to run, 4 preflight findings; for several stacks, the
 * most serious (3 > 2 > 4 > 1 > 0). Warnings (what the Pulumi CLI would mishandle without refusing it) go to stderr
 * and under the table report, and never change the exit code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError } from "../infra/lib/errors";
import { checkStacks, discoverStacks, PARALLEL_STACKS } from "./all-stacks";
import { parsePolicyPackConfig, unknownPolicyNames, type PolicyPackConfig } from "./analyzer";
import { runCheck, prepareCheckProcess, type CheckResult } from "./engine";
import { Format, FORMATS, isFormat, REPORT_FORMATS } from "./formats";
import { renderCollectsStrayErrors } from "./program";
import { RenderError } from "./render-failure";
import { combinedExitCode, isChecked, projectPath, resultExitCode, shortUrn } from "./report";
import { InputError, loadStackSettings, stackFileWarnings } from "./stack-file";
import { OPAQUE_COMPONENTS } from "./yaml-manifests";

const FORMAT_WIDTH = Math.max(...FORMATS.map((f) => f.length));

const USAGE = `usage: npm run check -- --stack <name> [--config-file <path>] [--format <format>] [--policy-pack-config <path>] [--output <path>]
       npm run check -- --all-stacks [--format <format>] [--policy-pack-config <path>] [--output <path>]

  --stack <name>                 stack to check (reads stacks/Pulumi.<name>.yaml)
  --all-stacks                   check every stacks/Pulumi.<name>.yaml, each in its own process, ${PARALLEL_STACKS} at a time, in one report
  --config-file <path>           use this stack settings file instead (as pulumi's --config-file; not with --all-stacks)
  --format <format>              the report (default table):
${FORMATS.map((f) => `                                   ${f.padEnd(FORMAT_WIDTH)}  ${REPORT_FORMATS[f].description}`).join("\n")}
  --policy-pack-config <path>    JSON policy configuration (as pulumi's --policy-pack-config), for every stack checked
  --output <path>                write the report to this file instead of stdout

exit codes: 0 passed, 1 mandatory violations, 2 bad flags or settings, 3 program or policy pack failed,
4 preflight findings (what the real API server, Helm, nodes or AWS would refuse: the deploy would fail);
with --all-stacks, the most serious of any stack (3 > 2 > 4 > 1 > 0), and every stack that ran is still reported`;

interface Flags {
    /** Absent with --all-stacks. */
    readonly stack?: string;
    readonly allStacks: boolean;
    readonly configFile?: string;
    readonly format: Format;
    readonly policyPackConfig?: string;
    readonly output?: string;
}

const VALUE_FLAGS = ["--stack", "--config-file", "--format", "--policy-pack-config", "--output"] as const;
const SWITCHES = ["--all-stacks"] as const;
/** Every flag, in the order the usage lists them. */
export const ALL_FLAGS = [VALUE_FLAGS[0], SWITCHES[0], ...VALUE_FLAGS.slice(1)];

export function parseFlags(argv: readonly string[]): Flags | "help" {
    const values: Record<string, string> = {};
    const switches = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--help" || arg === "-h") {
            return "help";
        }
        const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
        if ((SWITCHES as readonly string[]).includes(flag)) {
            if (inline !== undefined) {
                throw new InputError(`${flag} takes no value`);
            }
            if (switches.has(flag)) {
                throw new InputError(`${flag} is given twice`);
            }
            switches.add(flag);
            continue;
        }
        if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
            throw new InputError(`unknown argument ${JSON.stringify(arg)}; allowed flags: ${ALL_FLAGS.join(", ")}, --help`);
        }
        const value = inline ?? argv[++i];
        if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) {
            throw new InputError(`${flag} needs a value`);
        }
        if (flag in values) {
            throw new InputError(`${flag} is given twice`);
        }
        values[flag] = value;
    }
    const allStacks = switches.has("--all-stacks");
    const stack = values["--stack"];
    if (allStacks && stack !== undefined) {
        throw new InputError("--all-stacks and --stack cannot be used together: give --stack <name> for one stack or --all-stacks for every stack");
    }
    if (allStacks && values["--config-file"] !== undefined) {
        throw new InputError("--config-file cannot be used with --all-stacks: each stack is checked with its own stacks/Pulumi.<name>.yaml");
    }
    if (!allStacks && stack === undefined) {
        throw new InputError("--stack is required (e.g. --stack dev), or --all-stacks to check every stack");
    }
    if (stack !== undefined && !/^[A-Za-z0-9_.-]{1,100}$/.test(stack)) {
        throw new InputError(`--stack ${JSON.stringify(stack)} is not a stack name (letters, digits, '-', '_', '.')`);
    }
    const format = values["--format"] ?? "table";
    if (!isFormat(format)) {
        throw new InputError(`--format ${JSON.stringify(format)} is not supported; use one of ${FORMATS.join(", ")}`);
    }
    return {
        allStacks,
        format,
        ...(stack !== undefined ? { stack } : {}),
        ...(values["--config-file"] ? { configFile: values["--config-file"] } : {}),
        ...(values["--policy-pack-config"] ? { policyPackConfig: values["--policy-pack-config"] } : {}),
        ...(values["--output"] ? { output: values["--output"] } : {}),
    };
}

/**
 * Why a check failed, as an exit code and a message: 2 for what the user gave, 3 for the rest. A program that
 * could not be rendered is named by the resource that failed (URN and type) and the reason, with the program's
 * own lines of the stack trace.
 */
export function failureOf(error: unknown): { readonly code: 2 | 3; readonly message: string } {
    if (error instanceof InputError || ConfigError.isInstance(error)) {
        return { code: 2, message: (error as Error).message };
    }
    if (error instanceof RenderError) {
        const frames = error.programFrames();
        return { code: 3, message: `the program could not be rendered: ${error.message}${frames.map((frame) => `\n    ${frame}`).join("")}` };
    }
    return { code: 3, message: `the check could not run: ${error instanceof Error ? error.stack ?? error.message : String(error)}` };
}

/**
 * For a process that checks: an error nobody catches (a rejection surfacing after the render, in the pack's
 * client) ends it with exit code 3 and the reason on stderr, never with Node's exit code 1, which means
 * "violations" to whoever runs the check.
 */
export function exitThreeOnStrayErrors(): void {
    const stop = (error: unknown) => {
        if (renderCollectsStrayErrors()) {
            return;
        }
        process.stderr.write(`error: ${failureOf(error).message}\n`, () => process.exit(3));
    };
    process.on("uncaughtException", stop);
    process.on("unhandledRejection", stop);
}

/** The report file, refused before anything runs when it cannot be written where asked. */
function outputFile(given: string, userCwd: string): string {
    const file = path.resolve(userCwd, given);
    const folder = path.dirname(file);
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
        throw new InputError(`--output ${given}: the folder ${folder} does not exist`);
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
        throw new InputError(`--output ${given} is a folder; give a file name`);
    }
    return file;
}

/** A `--policy-pack-config` file, read and refused as the CLI would ({@link parsePolicyPackConfig}). */
export function readPolicyPackConfig(file: string): PolicyPackConfig {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new InputError(`--policy-pack-config ${file}: ${(error as Error).message}`);
    }
    return parsePolicyPackConfig(parsed, `--policy-pack-config ${file}`);
}

/**
 * What the check passes without judging, but a user should know, as lines naming where to change it: the stack
 * file's (see {@link stackFileWarnings}), and `--policy-pack-config` entries that name no policy of the pack, which
 * the Pulumi CLI ignores as silently (pulumi/pulumi pkg/resource/analyzer/config.go, `applyConfig`).
 */
export function checkWarnings(result: CheckResult, root: string, policyPackConfig: PolicyPackConfig | undefined): string[] {
    const file = projectPath(result.settingsFile, root);
    const warnings = stackFileWarnings(loadStackSettings(result.settingsFile, result.project), result.stack).map((warning) => `${file}: ${warning}`);
    for (const resource of result.resources) {
        const opaque = OPAQUE_COMPONENTS[resource.type];
        if (opaque) {
            warnings.push(`${shortUrn(resource.urn)}: ${opaque} at deploy time and are not judged offline; \`pulumi preview --policy-pack policies\` judges them`);
        }
    }
    const unknown = policyPackConfig ? unknownPolicyNames(result.policyPack.rules, policyPackConfig) : [];
    if (unknown.length > 0) {
        warnings.push(`--policy-pack-config names no policy of ${result.policyPack.name}: ${unknown.join(", ")}; they configure nothing, as with the Pulumi CLI (check the spelling)`);
    }
    return warnings;
}

export async function main(argv: readonly string[]): Promise<number> {
    let flags: Flags | "help";
    try {
        flags = parseFlags(argv);
    } catch (error) {
        process.stderr.write(`error: ${(error as Error).message}\n\n${USAGE}\n`);
        return 2;
    }
    if (flags === "help") {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    const root = path.resolve(__dirname, "..");
    // `npm run` moves to the package root; paths on the command line are relative to where the user was.
    const userCwd = process.env.INIT_CWD ?? process.cwd();
    const format = REPORT_FORMATS[flags.format];
    try {
        const output = flags.output ? outputFile(flags.output, userCwd) : undefined;
        const policyPackConfigFile = flags.policyPackConfig ? path.resolve(userCwd, flags.policyPackConfig) : undefined;
        // Read once up front: a bad file is one error, not one per stack.
        const policyPackConfig = policyPackConfigFile ? readPolicyPackConfig(policyPackConfigFile) : undefined;
        let report: string;
        let code: number;
        let warnings: string[];
        if (flags.allStacks) {
            const outcomes = await checkStacks({ root, stacks: discoverStacks(root), ...(policyPackConfigFile ? { policyPackConfigFile } : {}) });
            for (const outcome of outcomes) {
                if ("error" in outcome) {
                    process.stderr.write(`error: stack ${outcome.stack} (${projectPath(outcome.settingsFile, root)}): ${outcome.error}\n`);
                }
            }
            report = format.all(outcomes, { root });
            code = combinedExitCode(outcomes);
            // One notice per unknown policy name, not one per stack.
            warnings = [...new Set(outcomes.filter(isChecked).flatMap((o) => checkWarnings(o.result, root, policyPackConfig)))];
        } else {
            const result = await runCheck({
                root,
                stack: flags.stack!,
                ...(flags.configFile ? { configFile: path.resolve(userCwd, flags.configFile) } : {}),
                ...(policyPackConfig ? { policyPackConfig } : {}),
            });
            report = format.single(result, { root });
            code = resultExitCode(result);
            warnings = checkWarnings(result, root, policyPackConfig);
        }
        for (const warning of warnings) {
            process.stderr.write(`warning: ${warning}\n`);
        }
        // The table is for people, who may not read stderr; the other formats are for tools and keep their schema.
        if (flags.format === "table" && warnings.length > 0) {
            report = `${report}\n\nWarnings (they do not change the exit code):\n${warnings.map((w) => `  - ${w}`).join("\n")}`;
        }
        if (output) {
            try {
                fs.writeFileSync(output, `${report}\n`);
            } catch (error) {
                throw new InputError(`--output ${flags.output}: cannot write the report: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
            }
            process.stderr.write(`wrote the ${flags.format} report to ${output}\n`);
        } else {
            process.stdout.write(`${report}\n`);
        }
        return code;
    } catch (error) {
        const failure = failureOf(error);
        process.stderr.write(`error: ${failure.message}\n`);
        return failure.code;
    }
}

if (require.main === module) {
    prepareCheckProcess();
    exitThreeOnStrayErrors();
    main(process.argv.slice(2)).then((code) => {
        // gRPC handles and the SDK's timers must not keep a finished check alive; exit once stdout
        // and stderr are flushed (a pipe is written asynchronously).
        process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
    }, (error) => {
        process.stderr.write(`${String(error)}\n`, () => process.exit(3));
    });
}
