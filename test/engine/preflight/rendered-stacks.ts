/**
 * Test helper: the committed stacks rendered by the real engine, each in a child process (Pulumi's mocks
 * are process-wide, so a process renders one program), two at a time.
 */
import { spawn } from "node:child_process";
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

/** Every committed stack, rendered once. */
export async function renderStacks(stacks: readonly string[] = COMMITTED_STACKS): Promise<Record<string, RenderedStack>> {
    const rendered: Record<string, RenderedStack> = {};
    const queue = [...stacks];
    const worker = async () => {
        for (let stack = queue.shift(); stack; stack = queue.shift()) {
            rendered[stack] = await renderInChild(stack);
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
