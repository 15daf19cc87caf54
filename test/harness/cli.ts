/** Runs the check command as a user does, in a child process (mocks and the SDK are process-wide). */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RENDER_NODE_FLAGS } from "../../engine/node-flags";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface CliResult {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/**
 * `npm run check -- <args>` from `root` (default: this checkout), with `cwd` as the user's folder and `env` added to
 * this process's environment (e.g. engine/mocks.ts PREVIOUS_OUTPUTS_VARIABLE).
 */
export function runCheckCli(args: readonly string[], options: { root?: string; cwd?: string; env?: Readonly<Record<string, string>> } = {}): Promise<CliResult> {
    const root = options.root ?? ROOT;
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [...RENDER_NODE_FLAGS, "--import", "tsx", path.join(root, "engine", "check.ts"), ...args], {
            cwd: root,
            env: { ...process.env, ...options.env, INIT_CWD: options.cwd ?? root },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

/** A copy of the project sharing this checkout's node_modules, to run the check on an edited program. */
export function copyProject(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mutant-"));
    fs.cpSync(ROOT, dir, { recursive: true, filter: (source) => !/[/\\](node_modules|\.git)$/.test(source) });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}

/** A stack settings file derived from a committed one by replacing text; returns its path. */
export function derivedStackFile(stack: string, edit: (text: string) => string): string {
    const text = fs.readFileSync(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8");
    const edited = edit(text);
    if (edited === text) {
        throw new Error(`the edit of Pulumi.${stack}.yaml changed nothing`);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-"));
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    fs.writeFileSync(file, edited);
    return file;
}
