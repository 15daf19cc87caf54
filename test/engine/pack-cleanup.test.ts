/**
 * A check that fails early (the program throws while the pack is still launching) or a process that
 * exits without closing its session leaves no policy pack process behind.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../harness/cli";
import { runCheck } from "../../engine/engine";

const PROC = "/proc";

/** Live processes (not zombies) whose environment names `stack` as the pack's stack. */
function packsOf(stack: string): number[] {
    const marker = `PULUMI_NODEJS_STACK=${stack}\0`;
    return fs.readdirSync(PROC).filter((entry) => /^\d+$/.test(entry)).map(Number).filter((pid) => {
        try {
            const state = fs.readFileSync(path.join(PROC, String(pid), "stat"), "utf8").replace(/^.*\) /s, "")[0];
            return state !== "Z" && fs.readFileSync(path.join(PROC, String(pid), "environ"), "utf8").includes(marker);
        } catch {
            return false;
        }
    });
}

async function eventually(test: () => boolean, ms = 3000): Promise<boolean> {
    const until = Date.now() + ms;
    while (!test()) {
        if (Date.now() > until) {
            return false;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return true;
}

const unique = (what: string) => `${what}-${process.pid}-${Date.now()}`;

describe("no policy pack is left behind", { skip: !fs.existsSync(path.join(PROC, "self", "environ")) && "needs /proc" }, () => {
    it("when the program fails while the pack is still launching", async () => {
        const stack = unique("fails-early");
        const program = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sp-fails-")), "program.js");
        fs.writeFileSync(program, "throw new Error('the program failed on purpose');\n");
        await assert.rejects(runCheck({ root: ROOT, stack, configFile: path.join(ROOT, "stacks", "Pulumi.dev.yaml"), program }), /failed on purpose/);
        assert.ok(await eventually(() => packsOf(stack).length === 0), `still running: ${packsOf(stack).join(", ")}`);
    });

    it("when the process exits without closing the session", async () => {
        const stack = unique("exits");
        const script = `
            const { BackgroundPolicyPackSession } = require(${JSON.stringify(path.join(ROOT, "engine", "analyzer.ts"))});
            const session = BackgroundPolicyPackSession.start({ packDir: ${JSON.stringify(path.join(ROOT, "policies"))}, project: "secure-platform", stack: ${JSON.stringify(stack)} });
            // Exit as soon as the pack's process exists, without closing anything.
            const wait = setInterval(() => { if (session.packProcessId !== undefined) { clearInterval(wait); process.stdout.write(String(session.packProcessId), () => process.exit(3)); } }, 10);
        `;
        const child = spawn(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
        let printed = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (printed += chunk));
        const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
        assert.equal(code, 3);
        assert.match(printed, /^\d+$/, "the pack was spawned before the exit");
        assert.ok(await eventually(() => packsOf(stack).length === 0), `still running: ${packsOf(stack).join(", ")}`);
    });
});
