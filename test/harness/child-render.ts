/** Renders a committed stack in a child process (mocks and the SDK are process-wide), through render-stack.ts. */
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { RecordedResource } from "../../engine/program";
import { RENDER_NODE_FLAGS } from "../../engine/node-flags";

export interface RenderScenario {
    /** Settings replacing or adding to the stack file's (fully qualified keys). */
    readonly config?: Readonly<Record<string, string>>;
    /** Resource types or logical names whose outputs come out new (see render-stack.ts). */
    readonly reissued?: readonly string[];
}

export function renderStackInChild(stack: string, scenario: RenderScenario = {}): Promise<RecordedResource[]> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [...RENDER_NODE_FLAGS, "--import", "tsx", path.join(__dirname, "render-stack.ts"), stack, JSON.stringify(scenario)], {
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => {
            if (code !== 0) {
                reject(new Error(`rendering ${stack} exited ${code}:\n${stderr}`));
                return;
            }
            resolve(JSON.parse(stdout) as RecordedResource[]);
        });
    });
}
