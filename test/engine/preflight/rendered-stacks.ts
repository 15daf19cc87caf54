/**
 * Test helper: the committed stacks rendered by the real engine, each in a child process (Pulumi's mocks
 * are process-wide, so a process renders one program), two at a time, and kept for the other test files
 * while the sources stay the same.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCheck } from "../../../engine/engine";
import type { PreflightFinding } from "../../../engine/preflight";
import type { RecordedResource } from "../../../engine/program";
import { RENDER_NODE_FLAGS } from "../../../engine/node-flags";
import { ROOT } from "../../harness/cli";

export const COMMITTED_STACKS = ["dev", "staging", "prod", "onprem"] as const;

export interface RenderedStack {
    readonly resources: RecordedResource[];
    /** What the engine's own preflight found. */
    readonly preflight: PreflightFinding[];
}

function renderInChild(stack: string): Promise<RenderedStack> {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rendered-")), `${stack}.json`);
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [...RENDER_NODE_FLAGS, "--import", "tsx", __filename, stack, out], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => {
            if (code !== 0) {
                reject(new Error(`rendering ${stack} failed (${code}): ${stderr}`));
                return;
            }
            const rendered = JSON.parse(fs.readFileSync(out, "utf8")) as RenderedStack;
            fs.rmSync(path.dirname(out), { recursive: true, force: true });
            resolve(rendered);
        });
    });
}

/** Folders and files whose contents decide a render: the program, the engine, the stack files, the pack, the installed packages. */
const RENDER_INPUTS = ["infra", "engine", "stacks", "policies", "package-lock.json", "Pulumi.yaml"];

function filesUnder(entry: string): string[] {
    const full = path.join(ROOT, entry);
    if (!fs.existsSync(full)) {
        return [];
    }
    if (fs.statSync(full).isFile()) {
        return [entry];
    }
    return fs.readdirSync(full, { withFileTypes: true })
        .filter((d) => d.name !== "node_modules" && d.name !== "bin" && !d.name.startsWith("."))
        .flatMap((d) => filesUnder(path.join(entry, d.name)));
}

let contentKey: string | undefined;

/**
 * A hash of everything a render depends on. Test files run in their own processes and many render the same
 * committed stacks; a render is kept on disk under this key, so it is made once per state of the sources and
 * never reused after any of them changes.
 */
function sourcesKey(): string {
    if (!contentKey) {
        const hash = createHash("sha256");
        for (const file of RENDER_INPUTS.flatMap(filesUnder).sort()) {
            hash.update(file).update("\0").update(fs.readFileSync(path.join(ROOT, file))).update("\0");
        }
        hash.update(process.env.SECURE_PLATFORM_OFFLINE_PREVIOUS_OUTPUTS ?? "");
        contentKey = hash.digest("hex").slice(0, 32);
    }
    return contentKey;
}

/** A stack rendered in a child process, or the render of the same sources another test file already made. */
async function renderCached(stack: string): Promise<RenderedStack> {
    const file = path.join(os.tmpdir(), "secure-platform-rendered", sourcesKey(), `${stack}.json`);
    if (fs.existsSync(file)) {
        return JSON.parse(fs.readFileSync(file, "utf8")) as RenderedStack;
    }
    const rendered = await renderInChild(stack);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written whole, then renamed: a test file reading at the same time sees all of it or none.
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, JSON.stringify(rendered));
    fs.renameSync(partial, file);
    return rendered;
}

/** Every committed stack, rendered once. */
export async function renderStacks(stacks: readonly string[] = COMMITTED_STACKS): Promise<Record<string, RenderedStack>> {
    const rendered: Record<string, RenderedStack> = {};
    const queue = [...stacks];
    const worker = async () => {
        for (let stack = queue.shift(); stack; stack = queue.shift()) {
            rendered[stack] = await renderCached(stack);
        }
    };
    await Promise.all([worker(), worker()]);
    return rendered;
}

if (require.main === module) {
    const [stack, out] = process.argv.slice(2);
    runCheck({ root: ROOT, stack }).then((result) => {
        const resources = result.resources.map((r) => ({ ...r, custom: r.custom }));
        fs.writeFileSync(out, JSON.stringify({ resources, preflight: result.preflight }));
    }, (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
        process.exitCode = 1;
    });
}
