/** The check command's contract: flags, exit codes and messages. Each run is a real child process. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { derivedStackFile, ROOT, runCheckCli } from "../harness/cli";
import { RENDER_NODE_FLAGS } from "../../engine/node-flags";

describe("check: flags", () => {
    it("npm run check starts node with the flags every rendering process gets", () => {
        const script = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.check;
        const tsx = script.split("&&").map((part) => part.trim()).find((part) => part.startsWith("tsx "));
        assert.ok(tsx, `the check script runs tsx: ${script}`);
        assert.deepEqual(tsx.split(/\s+/).filter((word) => word.startsWith("--")), [...RENDER_NODE_FLAGS]);
    });

    it("prints usage for --help and exits 0", async () => {
        const result = await runCheckCli(["--help"]);
        assert.equal(result.code, 0);
        assert.match(result.stdout, /usage: npm run check -- --stack <name>/);
    });

    const badFlags: [string[], RegExp][] = [
        [[], /--stack is required \(e\.g\. --stack dev\), or --all-stacks to check every stack/],
        [["--stak", "dev"], /unknown argument "--stak"; allowed flags: --stack, --all-stacks, --config-file, --format, --policy-pack-config, --output, --help/],
        [["--stack"], /--stack needs a value/],
        [["--stack", "dev", "--stack", "prod"], /--stack is given twice/],
        [["--stack", "dev", "--format", "xml"], /--format "xml" is not supported; use one of table, json, sarif, markdown/],
        [["--stack", "../etc"], /--stack "..\/etc" is not a stack name/],
        [["--stack", "dev", "extra"], /unknown argument "extra"/],
        [["--all-stacks", "--stack", "dev"], /--all-stacks and --stack cannot be used together/],
        [["--stack", "dev", "--all-stacks"], /--all-stacks and --stack cannot be used together/],
        [["--all-stacks", "--config-file", "stacks/Pulumi.dev.yaml"], /--config-file cannot be used with --all-stacks/],
        [["--all-stacks", "--all-stacks"], /--all-stacks is given twice/],
        [["--all-stacks=yes"], /--all-stacks takes no value/],
        [["--stack", "dev", "--output"], /--output needs a value/],
        [["--stack", "dev", "--output", "--format", "json"], /--output needs a value/],
        [["--all-stacks", "--output="], /--output needs a value/],
    ];
    for (const [args, message] of badFlags) {
        it(`exits 2 for ${JSON.stringify(args)}`, async () => {
            const result = await runCheckCli(args);
            assert.equal(result.code, 2);
            assert.match(result.stderr, message);
            assert.match(result.stderr, /usage:/);
            assert.equal(result.stdout, "");
        });
    }

    it("lists every format with what it is for in the usage", async () => {
        const result = await runCheckCli(["--help"]);
        const { FORMATS, REPORT_FORMATS } = await import("../../engine/formats");
        for (const format of FORMATS) {
            assert.ok(result.stdout.includes(`${format}  `) && result.stdout.includes(REPORT_FORMATS[format].description), `usage lacks ${format}`);
        }
        assert.match(result.stdout, /--all-stacks/);
        assert.match(result.stdout, /--output <path>/);
    });

    it("is documented in the README: every flag and every format, and no other", async () => {
        const { ALL_FLAGS } = await import("../../engine/check");
        const { FORMATS } = await import("../../engine/formats");
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const section = readme.slice(readme.indexOf("## The check command"), readme.indexOf("\n## ", readme.indexOf("## The check command") + 1));
        const firstCells = [...section.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]);
        assert.deepEqual(firstCells.filter((c) => c.startsWith("--")).map((c) => c.split(" ")[0]).sort(), [...ALL_FLAGS].sort());
        assert.deepEqual(firstCells.filter((c) => !c.startsWith("--")).sort(), [...FORMATS].sort());
    });

    it("exits 2 naming --output when its folder does not exist, before anything runs", async () => {
        const result = await runCheckCli(["--stack", "dev", "--output", path.join("no-such-folder", "report.md")], { cwd: fs.mkdtempSync(path.join(os.tmpdir(), "out-")) });
        assert.equal(result.code, 2);
        assert.match(result.stderr, /--output no-such-folder\/report\.md: the folder .*no-such-folder does not exist/);
        assert.equal(result.stdout, "");
    });

    it("exits 2 for a stack without a settings file", async () => {
        const result = await runCheckCli(["--stack", "qa"]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /stacks\/Pulumi.qa.yaml does not exist/);
    });

    it("exits 2 for a policy pack config that is not JSON", async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ppc-")), "config.json");
        fs.writeFileSync(file, "{ mandatory");
        const result = await runCheckCli(["--stack", "dev", "--policy-pack-config", file]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /--policy-pack-config .*config.json/);
    });
});

describe("check: bad stack settings exit 2 naming the key, before anything runs", () => {
    const cases: [string, string, (text: string) => string, RegExp][] = [
        ["a malformed CIDR", "dev", (t) => t.replace("vpcCidr: 10.10.0.0/16", "vpcCidr: 10.10.0/16"), /secure-platform:vpcCidr: "10.10.0\/16" is not an IPv4 CIDR/],
        ["an unknown environment", "dev", (t) => t.replace("environment: dev", "environment: qa"), /secure-platform:environment: "qa" is not allowed; use one of dev, staging, prod/],
        ["an unsupported Kubernetes version", "dev", (t) => t.replace("kubernetesVersion: \"1.35\"", "kubernetesVersion: \"1.27\""), /secure-platform:kubernetesVersion: "1.27" is not supported; use one of/],
        ["a duplicate tenant", "dev", (t) => t.replace("- name: globex", "- name: acme"), /secure-platform:tenants: duplicate tenant name "acme"/],
        ["0.0.0.0/0 in publicAccessCidrs", "dev", (t) => t.replace("- 198.51.100.0/24", "- 0.0.0.0/0"), /secure-platform:publicAccessCidrs: 0.0.0.0\/0 would open the Kubernetes API to the whole internet/],
        ["a public endpoint in prod", "prod", (t) => t.replace("publicAccessCidrs: []", "publicAccessCidrs: [203.0.113.0/24]"), /secure-platform:publicAccessCidrs: prod keeps the Kubernetes API endpoint private/],
        ["a misspelt key", "dev", (t) => t.replace("secure-platform:vpcCidr:", "secure-platform:vpcCidrs:"), /secure-platform:vpcCidrs: unknown setting; did you mean secure-platform:vpcCidr\?/],
        ["malformed YAML", "dev", (t) => t.replace("config:", "config: ["), /is not valid YAML/],
        ["a single MongoDB member in prod", "prod", (t) => t.replace("    members: 3\n", "    members: 1\n"), /secure-platform:mongodb: mongodb.members 1 is allowed only in dev/],
        ["an unlocked backup vault in prod", "prod", (t) => t.replace("vaultLock: compliance", "vaultLock: none"), /secure-platform:backup: backup.vaultLock none is not allowed in prod/],
        ["backups copied into their own region", "prod", (t) => t.replace("copyRegion: eu-central-1", "copyRegion: eu-west-1"), /backup.copyRegion eu-west-1 is the stack's own region/],
        ["an enormous tenant list", "dev", (t) => t.replace("  secure-platform:tenants:\n", `  secure-platform:tenants:\n${Array.from({ length: 5000 }, (_, n) => `    - name: t${n}\n`).join("")}`), /secure-platform:tenants: 50\d\d tenants given; at most 1000 fit one stack, split them across stacks/],
        ["a keystore generation of zero", "dev", (t) => t.replace("config:\n", "config:\n  secure-platform:keystore:\n    jwtSigningKey: 0\n"), /secure-platform:keystore: keystore.jwtSigningKey 0 is out of range/],
        ["a Docker Hub credential of another account", "prod", (t) => t.replace("eu-west-1:777788889999:secret:ecr-pullthroughcache/", "eu-west-1:111122223333:secret:ecr-pullthroughcache/"), /secure-platform:dockerHubCredentialArn: the secret is in account 111122223333; ECR's pull-through cache reads a secret of its own account, 777788889999 \(awsAccountId\)/],
        ["a Docker Hub credential ECR's pull-through cache cannot read", "staging", (t) => t.replace("secret:ecr-pullthroughcache/docker-hub", "secret:docker-hub"), /secure-platform:dockerHubCredentialArn: the secret's name "docker-hub-[A-Za-z0-9]+" must start with ecr-pullthroughcache\//],
        ["no Docker Hub credential", "dev", (t) => t.replace(/^ {2}secure-platform:dockerHubCredentialArn: .*\n/m, ""), /secure-platform:dockerHubCredentialArn: missing; Istio's and Percona's images are on Docker Hub/],
    ];
    for (const [what, stack, edit, message] of cases) {
        it(`rejects ${what}`, async () => {
            const file = derivedStackFile(stack, edit);
            const result = await runCheckCli(["--stack", stack, "--config-file", file, "--format", "json"]);
            assert.equal(result.code, 2, result.stderr);
            assert.match(result.stderr, message);
            assert.match(result.stderr, new RegExp(path.basename(file).replace(/\./g, "\\.")), "the file is named");
            assert.equal(result.stdout, "", "nothing is rendered");
            assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
        });
    }

    it("resolves --config-file against the folder the user ran npm from", async () => {
        const file = derivedStackFile("dev", (t) => t.replace("environment: dev", "environment: qa"));
        const result = await runCheckCli(["--stack", "dev", "--config-file", path.basename(file)], { cwd: path.dirname(file) });
        assert.equal(result.code, 2);
        assert.match(result.stderr, /"qa" is not allowed/);
    });
});

describe("check: the program itself refuses bad settings", () => {
    it("fails before registering any resource but the root stack, with the same message", async () => {
        // Bypass the pre-check: render the program directly with a bad value.
        const { renderProgram } = await import("../../engine/program");
        const { loadStackSettings } = await import("../../engine/stack-file");
        const settings = loadStackSettings(path.join(ROOT, "stacks", "Pulumi.dev.yaml"), "secure-platform");
        const registered: string[] = [];
        await assert.rejects(renderProgram({
            program: path.join(ROOT, "infra"),
            project: "secure-platform",
            stack: "dev",
            config: { ...settings.config, "secure-platform:vpcCidr": "10.0.0.0/8" },
            secretKeys: [],
            mockEnvironment: { region: "eu-west-1", accountId: "111122223333" },
            onRegister: (urn) => registered.push(urn),
        }), /secure-platform:vpcCidr: \/8 is larger than AWS allows/);
        assert.deepEqual(registered, ["urn:pulumi:dev::secure-platform::pulumi:pulumi:Stack::secure-platform-dev"]);
    });
});
