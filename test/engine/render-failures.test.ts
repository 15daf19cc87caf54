/**
 * A program that cannot be rendered ends the check with exit code 3, the failing resource's URN and type, and the
 * reason on stderr; never with 1, which means "mandatory violations", and never with a report. Each case is the
 * check command in a child process, on a copy of the project whose program is the failing fixture.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { CliResult, copyProject, runCheckCli } from "../harness/cli";

const FIXTURE = "test/engine/fixtures/render-failures/";
const BUCKET = "urn:pulumi:dev::secure-platform::aws:s3/bucket:Bucket";

let root: string;
const runs = new Map<string, CliResult>();

before(async () => {
    root = copyProject();
    const project = path.join(root, "Pulumi.yaml");
    const text = fs.readFileSync(project, "utf8");
    assert.match(text, /^main: infra\/$/m);
    fs.writeFileSync(project, text.replace(/^main: infra\/$/m, `main: ${FIXTURE}`));
    for (const file of fs.readdirSync(path.join(root, "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f) && f !== "Pulumi.dev.yaml")) {
        fs.rmSync(path.join(root, "stacks", file));
    }
    const cases: [string, string, string[]][] = [
        ["unknown-invoke", "unknown-invoke", ["--stack", "dev"]],
        ["throwing-input", "throwing-input", ["--stack", "dev"]],
        ["serialization", "serialization", ["--stack", "dev", "--format", "json"]],
        ["refused-by-provider", "refused-by-provider", ["--stack", "dev"]],
        ["all-stacks", "throwing-input", ["--all-stacks", "--format", "json"]],
    ];
    await Promise.all(cases.map(async ([name, failure, args]) => {
        runs.set(name, await runCheckCli(args, { root, env: { RENDER_FAILURE: failure } }));
    }));
});

after(() => {
    fs.rmSync(root, { recursive: true, force: true });
});

function assertRenderFailure(run: CliResult, urn: string, type: string, reason: RegExp): void {
    assert.equal(run.code, 3, run.stderr);
    assert.equal(run.stdout, "", "no report");
    const message = /^error: the program could not be rendered: (.*)$/m.exec(run.stderr);
    assert.ok(message, run.stderr);
    assert.ok(message[1].startsWith(`${urn} (${type}): `), message[1]);
    assert.match(message[1], reason);
}

describe("a program that cannot be rendered", () => {
    it("exits 3 naming the resource that used an invoke the check cannot answer, and the invoke", () => {
        assertRenderFailure(runs.get("unknown-invoke")!, `${BUCKET}::named-after-function`, "aws:s3/bucket:Bucket",
            /error serializing property "bucket": the offline check has no answer for invoke aws:lambda\/getFunction:getFunction/);
    });

    it("exits 3 naming the resource whose input throws, the error, and the program's line", () => {
        const run = runs.get("throwing-input")!;
        assertRenderFailure(run, `${BUCKET}::broken-name`, "aws:s3/bucket:Bucket", /error serializing property "bucket": no bucket name configured for orders/);
        assert.match(run.stderr, /\n {4}at .*fixtures\/render-failures\/index\.ts:\d+:\d+/);
        assert.doesNotMatch(run.stderr, /node_modules/, "only the program's own frames");
    });

    it("exits 3 naming the resource whose input cannot be serialised, with any format", () => {
        assertRenderFailure(runs.get("serialization")!, `${BUCKET}::unreadable-tags`, "aws:s3/bucket:Bucket", /error serializing property "tags": OWNER is not set/);
    });

    it("exits 3 naming the resource the provider refuses", () => {
        assertRenderFailure(runs.get("refused-by-provider")!, "urn:pulumi:dev::secure-platform::pulumi:pulumi:StackReference::shared-network", "pulumi:pulumi:StackReference",
            /the offline engine knows no stack "organization\/network\/prod"/);
    });

    it("reports the failure under --all-stacks too: exit 3, the stack not checked, the resource and reason in the report", () => {
        const run = runs.get("all-stacks")!;
        assert.equal(run.code, 3, run.stderr);
        const report = JSON.parse(run.stdout) as { exitCode: number; stacks: { stack: string; exitCode: number; error?: string }[] };
        assert.equal(report.exitCode, 3);
        assert.deepEqual(report.stacks.map((s) => [s.stack, s.exitCode]), [["dev", 3]]);
        assert.match(report.stacks[0].error!, new RegExp(`the program could not be rendered: ${BUCKET.replace(/[$/.]/g, "\\$&")}::broken-name \\(aws:s3/bucket:Bucket\\): error serializing property "bucket"`));
        assert.match(run.stderr, /error: stack dev \(stacks\/Pulumi\.dev\.yaml\): the program could not be rendered/);
    });
});
