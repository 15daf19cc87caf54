/**
 * .ci/run, the CI entry point, with a stand-in npm that records where and how it runs: the README's
 * commands must run once each, in a fresh clone with no sibling folders and no installed packages.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { before, describe, it } from "node:test";

const ROOT = path.resolve(__dirname, "..", "..");

interface NpmCall {
    readonly args: string;
    readonly cwd: string;
    readonly siblings: string[];
    readonly nodeModules: boolean;
    readonly head: string;
    readonly packageJson: string;
}

let calls: NpmCall[];

before(() => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "fake-npm-"));
    const log = path.join(bin, "calls.log");
    fs.writeFileSync(path.join(bin, "npm"), [
        "#!/bin/sh",
        '[ "$1" = "--version" ] && { echo 10.0.0; exit 0; }',
        `printf '%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' "$*" "$PWD" "$(ls -A .. | tr '\\n' ,)" "$([ -e node_modules ] && echo yes || echo no)" "$(git rev-parse HEAD)" "$(cksum < package.json)" >> "${log}"`,
        "",
    ].join("\n"), { mode: 0o755 });
    execFileSync(path.join(ROOT, ".ci", "run"), { env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` }, stdio: "pipe" });
    calls = fs.readFileSync(log, "utf8").trim().split("\n").map((line) => {
        const [args, cwd, siblings, nodeModules, head, packageJson] = line.split("\t");
        return { args, cwd, siblings: siblings.split(",").filter(Boolean), nodeModules: nodeModules === "yes", head, packageJson };
    });
});

describe(".ci/run", () => {
    it("runs npm ci, then npm test, once each", () => {
        assert.deepEqual(calls.map((c) => c.args.split(" ")[0]), ["ci", "test"]);
    });

    it("runs them in a fresh clone of the checkout, alone in its folder, with nothing installed yet", () => {
        for (const call of calls) {
            assert.notEqual(path.resolve(call.cwd), ROOT, "not in the checkout itself");
            assert.deepEqual(call.siblings, [path.basename(call.cwd)], "no sibling folder to read from");
            assert.equal(call.head, execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim());
        }
        assert.equal(calls[0].nodeModules, false, "npm ci starts from no node_modules");
        assert.ok(!fs.existsSync(calls[0].cwd), "the clone is removed afterwards");
    });

    it("tests the checkout's tracked files as they are, uncommitted edits included", () => {
        const checksum = execFileSync("sh", ["-c", "cksum < package.json"], { cwd: ROOT, encoding: "utf8" }).trim();
        assert.equal(calls[1].packageJson, checksum);
    });
});
