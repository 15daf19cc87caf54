/**
 * `--all-stacks`: finds every stack settings file in the project's stackConfigDir and checks each in a
 * process of its own (the SDK's mocks are process-wide: one program per process), two at a time, so a
 * 2-core machine is kept busy without thrashing. A stack that cannot be checked is reported with its
 * reason and never hides the others' results.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CheckResult } from "./engine";
import { RENDER_NODE_FLAGS } from "./node-flags";
import { resultExitCode, StackOutcome } from "./report";
import { InputError, loadProject, stackFilePath } from "./stack-file";

/** How many stacks are checked at once. */
export const PARALLEL_STACKS = 2;

const STACK_FILE = /^Pulumi\.([A-Za-z0-9_.-]{1,100})\.yaml$/;
const WORKER = path.join(__dirname, "check-worker.ts");

/** Every stack with a settings file, by name. */
export function discoverStacks(root: string): { readonly stack: string; readonly settingsFile: string }[] {
    const project = loadProject(root);
    let names: string[];
    try {
        names = fs.readdirSync(project.stackConfigDir);
    } catch (error) {
        throw new InputError(`cannot list the stack settings folder ${project.stackConfigDir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const stacks = names.flatMap((name) => {
        const match = STACK_FILE.exec(name);
        return match ? [{ stack: match[1], settingsFile: stackFilePath(project, match[1]) }] : [];
    }).sort((a, b) => a.stack.localeCompare(b.stack));
    if (stacks.length === 0) {
        throw new InputError(`--all-stacks found no Pulumi.<stack>.yaml in ${project.stackConfigDir}`);
    }
    return stacks;
}

interface WorkerRun {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly stdout: string;
    readonly stderr: string;
}

function runWorker(root: string, args: readonly string[]): Promise<WorkerRun> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [...RENDER_NODE_FLAGS, "--import", "tsx", WORKER, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
        const stdout: string[] = [];
        const stderr: string[] = [];
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => stdout.push(chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
        child.on("error", (error) => stderr.push(`cannot start the check: ${error.message}`));
        child.on("close", (code, signal) => resolve({ code, signal, stdout: stdout.join(""), stderr: stderr.join("") }));
    });
}

async function checkOne(root: string, stack: string, settingsFile: string, policyPackConfigFile: string | undefined): Promise<StackOutcome> {
    const run = await runWorker(root, [stack, ...(policyPackConfigFile ? [policyPackConfigFile] : [])]);
    const reason = run.stderr.trim().replace(/^error: /, "");
    if (run.code === 0) {
        try {
            const result = JSON.parse(run.stdout) as CheckResult;
            return { stack, settingsFile, exitCode: resultExitCode(result), result };
        } catch (error) {
            return { stack, settingsFile, exitCode: 3, error: `the check's result could not be read: ${(error as Error).message}` };
        }
    }
    if (run.code === 2) {
        return { stack, settingsFile, exitCode: 2, error: reason };
    }
    return { stack, settingsFile, exitCode: 3, error: reason || `the check ended with ${run.signal ?? `exit code ${run.code}`}` };
}

/** Checks every stack, at most `PARALLEL_STACKS` at a time; outcomes in the order of `stacks`. */
export async function checkStacks(options: {
    readonly root: string;
    readonly stacks: readonly { readonly stack: string; readonly settingsFile: string }[];
    /** Absolute path of a `--policy-pack-config` file, applied to every stack. */
    readonly policyPackConfigFile?: string;
}): Promise<StackOutcome[]> {
    const outcomes: StackOutcome[] = new Array(options.stacks.length);
    let next = 0;
    const lane = async () => {
        while (next < options.stacks.length) {
            const index = next++;
            const { stack, settingsFile } = options.stacks[index];
            outcomes[index] = await checkOne(options.root, stack, settingsFile, options.policyPackConfigFile);
        }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_STACKS, options.stacks.length) }, lane));
    return outcomes;
}
