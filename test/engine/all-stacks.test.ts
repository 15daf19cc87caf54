/** `--all-stacks`: which stacks it finds, how their exit codes combine, and that a bad stack hides no other. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import { discoverStacks } from "../../engine/all-stacks";
import { CliResult, ROOT, runCheckCli } from "../harness/cli";
import { combinedExitCode, StackOutcome } from "../../engine/report";

function outcome(stack: string, exitCode: 0 | 1 | 2 | 3 | 4): StackOutcome {
    return exitCode === 2 || exitCode === 3
        ? { stack, settingsFile: `stacks/Pulumi.${stack}.yaml`, exitCode, error: "failed" }
        : { stack, settingsFile: `stacks/Pulumi.${stack}.yaml`, exitCode, result: undefined as never };
}

describe("all stacks: finding and combining", () => {
    it("finds every Pulumi.<stack>.yaml in the project's stackConfigDir, by name, and nothing else", () => {
        const project = fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8");
        const dir = /^stackConfigDir: (.+)$/m.exec(project)![1];
        const files = fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.startsWith("Pulumi.") && f.endsWith(".yaml")).sort();
        const found = discoverStacks(ROOT);
        assert.deepEqual(found.map((s) => `Pulumi.${s.stack}.yaml`), files);
        assert.ok(found.every((s) => s.settingsFile === path.join(ROOT, dir, `Pulumi.${s.stack}.yaml`)));
        assert.ok(files.includes("Pulumi.dev.yaml"));
    });

    it("refuses a project without any stack file, naming the folder", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "nostacks-"));
        fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: demo\nruntime: nodejs\nstackConfigDir: settings\n");
        fs.mkdirSync(path.join(root, "settings"));
        fs.writeFileSync(path.join(root, "settings", "README.md"), "not a stack\n");
        assert.throws(() => discoverStacks(root), /--all-stacks found no Pulumi.<stack>.yaml in .*settings/);
    });

    it("exits with the worst code of any stack: could not run, then bad settings, then violations", () => {
        assert.equal(combinedExitCode([outcome("a", 0), outcome("b", 0)]), 0);
        assert.equal(combinedExitCode([outcome("a", 0), outcome("b", 1)]), 1);
        assert.equal(combinedExitCode([outcome("a", 1), outcome("b", 2), outcome("c", 0)]), 2);
        assert.equal(combinedExitCode([outcome("a", 3), outcome("b", 2), outcome("c", 1)]), 3);
    });

    it("ranks preflight findings above violations and below bad settings or a check that could not run", () => {
        assert.equal(combinedExitCode([outcome("a", 1), outcome("b", 4), outcome("c", 0)]), 4);
        assert.equal(combinedExitCode([outcome("a", 4), outcome("b", 2)]), 2);
        assert.equal(combinedExitCode([outcome("a", 4), outcome("b", 3)]), 3);
        assert.equal(combinedExitCode([outcome("a", 4)]), 4);
    });
});

describe("all stacks: a stack with bad settings next to a good one", () => {
    let cli: CliResult;
    let report: { exitCode: number; stacks: { stack: string; exitCode: number; settingsFile: string; error?: string; resources?: unknown[]; violations?: unknown[] }[] };

    before(async () => {
        // A copy of the project (sharing node_modules) whose stacks are dev and a broken copy of it.
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
        fs.cpSync(ROOT, root, { recursive: true, filter: (source) => !/[/\\](node_modules|\.git)$/.test(source) });
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
        const stacks = path.join(root, "stacks");
        for (const file of fs.readdirSync(stacks).filter((f) => f.endsWith(".yaml") && f !== "Pulumi.dev.yaml")) {
            fs.rmSync(path.join(stacks, file));
        }
        const dev = fs.readFileSync(path.join(stacks, "Pulumi.dev.yaml"), "utf8");
        const broken = dev.replace("vpcCidr: 10.10.0.0/16", "vpcCidr: 10.10.0/16");
        assert.notEqual(broken, dev);
        fs.writeFileSync(path.join(stacks, "Pulumi.broken.yaml"), broken);
        cli = await runCheckCli(["--all-stacks", "--format", "json"], { root });
        report = JSON.parse(cli.stdout);
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("exits 2 and names the stack, its file and the bad key on stderr", () => {
        assert.equal(cli.code, 2, cli.stderr);
        assert.match(cli.stderr, /error: stack broken \(stacks\/Pulumi\.broken\.yaml\): [\s\S]*secure-platform:vpcCidr: "10\.10\.0\/16" is not an IPv4 CIDR/);
        assert.doesNotMatch(cli.stderr, /stack dev/);
    });

    it("still reports the good stack in full, and the bad one with its reason, in one document", () => {
        assert.equal(report.exitCode, 2);
        assert.deepEqual(report.stacks.map((s) => [s.stack, s.exitCode, s.settingsFile]), [["broken", 2, "stacks/Pulumi.broken.yaml"], ["dev", 0, "stacks/Pulumi.dev.yaml"]]);
        const [broken, dev] = report.stacks;
        assert.match(broken.error!, /secure-platform:vpcCidr/);
        assert.equal(broken.resources, undefined);
        assert.ok(dev.resources!.length > 100, "dev rendered");
        assert.deepEqual(dev.violations, []);
        assert.equal(dev.error, undefined);
    });
});
