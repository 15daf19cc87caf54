/**
 * `npm run check -- --stack <name> [--config-file <path>] [--format table|json] [--policy-pack-config <path>]`
 *
 * Renders a stack offline and runs the policy pack on it. Exit codes: 0 no mandatory violation,
 * 1 at least one, 2 bad flags or bad stack settings (the reason on stderr), 3 the program or the
 * policy pack failed to run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError } from "../../infra/lib/errors";
import type { PolicyPackConfig } from "./analyzer";
import { runCheck, skipSourceMappedStackTraces } from "./engine";
import { Format, FORMATS, mandatoryCount, toJson, toTable } from "./report";
import { InputError } from "./stack-file";

const USAGE = `usage: npm run check -- --stack <name> [--config-file <path>] [--format ${FORMATS.join("|")}] [--policy-pack-config <path>]

  --stack <name>                 stack to check (reads stacks/Pulumi.<name>.yaml)
  --config-file <path>           use this stack settings file instead (as pulumi's --config-file)
  --format <format>              ${FORMATS.join(" or ")} (default table)
  --policy-pack-config <path>    JSON policy configuration (as pulumi's --policy-pack-config)

exit codes: 0 passed, 1 mandatory violations, 2 bad flags or settings, 3 program or policy pack failed`;

interface Flags {
    readonly stack: string;
    readonly configFile?: string;
    readonly format: Format;
    readonly policyPackConfig?: string;
}

const VALUE_FLAGS = ["--stack", "--config-file", "--format", "--policy-pack-config"] as const;

export function parseFlags(argv: readonly string[]): Flags | "help" {
    const values: Record<string, string> = {};
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--help" || arg === "-h") {
            return "help";
        }
        const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
        if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
            throw new InputError(`unknown argument ${JSON.stringify(arg)}; allowed flags: ${VALUE_FLAGS.join(", ")}, --help`);
        }
        const value = inline ?? argv[++i];
        if (value === undefined || (inline === undefined && value.startsWith("--"))) {
            throw new InputError(`${flag} needs a value`);
        }
        if (flag in values) {
            throw new InputError(`${flag} is given twice`);
        }
        values[flag] = value;
    }
    const stack = values["--stack"];
    if (stack === undefined) {
        throw new InputError("--stack is required (e.g. --stack dev)");
    }
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(stack)) {
        throw new InputError(`--stack ${JSON.stringify(stack)} is not a stack name (letters, digits, '-', '_', '.')`);
    }
    const format = values["--format"] ?? "table";
    if (!(FORMATS as readonly string[]).includes(format)) {
        throw new InputError(`--format ${JSON.stringify(format)} is not supported; use one of ${FORMATS.join(", ")}`);
    }
    return {
        stack,
        format: format as Format,
        ...(values["--config-file"] ? { configFile: values["--config-file"] } : {}),
        ...(values["--policy-pack-config"] ? { policyPackConfig: values["--policy-pack-config"] } : {}),
    };
}

function readPolicyPackConfig(file: string): PolicyPackConfig {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new InputError(`--policy-pack-config ${file}: ${(error as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new InputError(`--policy-pack-config ${file} must hold a JSON object of policy names to settings`);
    }
    return parsed as PolicyPackConfig;
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
    const root = path.resolve(__dirname, "..", "..");
    // `npm run` moves to the package root; paths on the command line are relative to where the user was.
    const userCwd = process.env.INIT_CWD ?? process.cwd();
    try {
        const result = await runCheck({
            root,
            stack: flags.stack,
            ...(flags.configFile ? { configFile: path.resolve(userCwd, flags.configFile) } : {}),
            ...(flags.policyPackConfig ? { policyPackConfig: readPolicyPackConfig(path.resolve(userCwd, flags.policyPackConfig)) } : {}),
        });
        process.stdout.write(`${flags.format === "json" ? toJson(result) : toTable(result)}\n`);
        return mandatoryCount(result) > 0 ? 1 : 0;
    } catch (error) {
        if (error instanceof InputError || ConfigError.isInstance(error)) {
            process.stderr.write(`error: ${(error as Error).message}\n`);
            return 2;
        }
        process.stderr.write(`error: the check could not run: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
        return 3;
    }
}

if (require.main === module) {
    skipSourceMappedStackTraces();
    main(process.argv.slice(2)).then((code) => {
        // gRPC handles and the SDK's timers must not keep a finished check alive; exit once stdout
        // and stderr are flushed (a pipe is written asynchronously).
        process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
    }, (error) => {
        process.stderr.write(`${String(error)}\n`, () => process.exit(3));
    });
}
