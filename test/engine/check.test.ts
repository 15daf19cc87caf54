/** The check command's contract: flags, exit codes and messages. Each run is a real child process. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { derivedStackFile, ROOT, runCheckCli } from "../harness/cli";
import { parsePolicyPackConfig, reconcilePolicyPackConfig, unknownPolicyNames, type PolicyInfo } from "../../engine/analyzer";
import { RENDER_NODE_FLAGS } from "../../engine/node-flags";
import type { CheckResult } from "../../engine/engine";
import type { RecordedResource } from "../../engine/program";
import { InputError } from "../../engine/stack-file";

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

/** A policy as GetAnalyzerInfo describes it, for the pure configuration functions. */
function policy(name: string, enforcementLevel: PolicyInfo["enforcementLevel"], configSchema?: PolicyInfo["configSchema"]): PolicyInfo {
    return { name, description: name, enforcementLevel, severity: "high", remediationSteps: "", url: "", tags: [], ...(configSchema ? { configSchema } : {}) };
}

describe("check: --policy-pack-config is read as the Pulumi CLI reads it", () => {
    const retention = policy("require-log-group-retention", "mandatory", {
        properties: { minRetentionDays: { type: "integer", default: 365 } },
        required: ["minRetentionDays"],
    });
    const flowLogs = policy("require-vpc-flow-logs", "mandatory");
    const keys = policy("require-strong-private-keys", "advisory", { properties: { minRsaBits: { type: "integer", default: 3072 } }, required: [] });
    const PACK = [retention, flowLogs, keys];
    const reconciled = (config: Parameters<typeof reconcilePolicyPackConfig>[1]) =>
        Object.fromEntries([...reconcilePolicyPackConfig(PACK, config)].map(([name, c]) => [name, `${c.enforcementLevel} ${JSON.stringify(c.properties)}`]));

    it("starts every policy from its own level and its schema's defaults", () => {
        assert.deepEqual(reconciled({}), {
            "require-log-group-retention": 'mandatory {"minRetentionDays":365}',
            "require-vpc-flow-logs": "mandatory {}",
            "require-strong-private-keys": 'advisory {"minRsaBits":3072}',
        });
    });

    it("lets all set every level, and a policy's own entry win: its level, else all's, with its settings over the defaults", () => {
        assert.deepEqual(reconciled({ all: "advisory", "require-log-group-retention": { minRetentionDays: 731 }, "require-vpc-flow-logs": "disabled" }), {
            "require-log-group-retention": 'advisory {"minRetentionDays":731}',
            "require-vpc-flow-logs": "disabled {}",
            "require-strong-private-keys": 'advisory {"minRsaBits":3072}',
        });
        assert.deepEqual(reconciled({ all: "disabled", "require-strong-private-keys": { enforcementLevel: "mandatory", minRsaBits: 4096 } })["require-strong-private-keys"], 'mandatory {"minRsaBits":4096}');
    });

    it("applies only the level of all, never settings given under it", () => {
        assert.deepEqual(reconciled({ all: { enforcementLevel: "advisory", minRetentionDays: 1 } })["require-log-group-retention"], 'advisory {"minRetentionDays":365}');
        assert.deepEqual(reconciled({ all: { minRetentionDays: 1 } })["require-log-group-retention"], 'mandatory {"minRetentionDays":365}');
    });

    it("ignores names that are no policy of the pack, and reports them so a misspelling is seen", () => {
        const config = { "require-vpc-flow-log": "advisory", all: "mandatory" } as const;
        assert.deepEqual(reconciled(config)["require-vpc-flow-logs"], "mandatory {}", "the misspelt entry changes nothing");
        assert.deepEqual(unknownPolicyNames(PACK, config), ["require-vpc-flow-log"]);
        assert.deepEqual(unknownPolicyNames(PACK, { all: "advisory", "require-vpc-flow-logs": "advisory" }), []);
    });

    it("checks settings against the policy's schema as the CLI does: types and required, extra settings admitted", () => {
        assert.throws(() => reconcilePolicyPackConfig(PACK, { "require-log-group-retention": { minRetentionDays: "two years" } }),
            (error: unknown) => error instanceof InputError && /require-log-group-retention: \/minRetentionDays must be integer/.test(error.message));
        const required = policy("require-thing", "mandatory", { properties: { limit: { type: "integer" } }, required: ["limit"] });
        assert.throws(() => reconcilePolicyPackConfig([required], {}), /require-thing: \(settings\) must have required property 'limit'/);
        assert.deepEqual(reconciled({ "require-log-group-retention": { minRetentionDays: 400, note: "audit" } })["require-log-group-retention"], 'mandatory {"minRetentionDays":400,"note":"audit"}');
        assert.deepEqual(reconciled({ "require-vpc-flow-logs": { anything: true } })["require-vpc-flow-logs"], 'mandatory {"anything":true}', "a policy without a schema takes what it is given");
    });

    const refused: [string, unknown, RegExp][] = [
        ["an unknown enforcement level", { "require-vpc-flow-logs": "warn" }, /require-vpc-flow-logs: "warn" is not an enforcement level; use one of advisory, mandatory, disabled, remediate/],
        ["an unknown level inside an object", { "require-vpc-flow-logs": { enforcementLevel: "strict" } }, /require-vpc-flow-logs\.enforcementLevel "strict" is not an enforcement level/],
        ["a level that is not a string", { all: { enforcementLevel: 1 } }, /all\.enforcementLevel 1 is not an enforcement level/],
        ["a value that is neither a level nor an object", { "require-vpc-flow-logs": ["advisory"] }, /require-vpc-flow-logs: \["advisory"\] is not a valid value/],
        ["null", { "require-vpc-flow-logs": null }, /require-vpc-flow-logs: null is not a valid value/],
        ["ESC environments", { environments: ["platform/policies"] }, /"environments" imports Pulumi ESC environments, which cannot be resolved offline/],
        ["a document that is not an object", ["advisory"], /must hold a JSON object of policy names to settings/],
    ];
    for (const [what, document, message] of refused) {
        it(`refuses ${what}, naming the entry`, () => {
            assert.throws(() => parsePolicyPackConfig(document, "config.json"), (error: unknown) => error instanceof InputError && message.test(error.message));
        });
    }

    it("drops an entry with neither a level nor settings, as the CLI does", () => {
        assert.deepEqual(parsePolicyPackConfig({ "require-vpc-flow-logs": {}, all: "advisory" }, "config.json"), { all: "advisory" });
    });

    function configFile(config: unknown): string {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ppc-")), "config.json");
        fs.writeFileSync(file, JSON.stringify(config));
        return file;
    }

    it("keeps all's advisory level for a policy whose entry only changes settings, through the check command", async () => {
        // strict-production's entries give settings and no level: under the CLI they stay advisory when all says so.
        const strict = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "profiles", "strict-production.json"), "utf8")) as Record<string, unknown>;
        const result = await runCheckCli(["--stack", "staging", "--policy-pack-config", configFile({ all: "advisory", ...strict })]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /ADVISORY\s+require-backup-vault-lock /);
        assert.doesNotMatch(result.stdout, /MANDATORY /);
    });

    it("runs with a misspelt policy name, as the CLI does, and warns naming it", async () => {
        const result = await runCheckCli(["--stack", "dev", "--format", "json", "--policy-pack-config", configFile({ "require-vpc-flow-log": "disabled" })]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, /warning: --policy-pack-config names no policy of [\w-]+: require-vpc-flow-log; they configure nothing, as with the Pulumi CLI/);
        assert.doesNotThrow(() => JSON.parse(result.stdout), "a JSON report stays JSON");
    });

    it("exits 2 for an enforcement level the CLI does not know, naming the entry", async () => {
        const result = await runCheckCli(["--stack", "dev", "--policy-pack-config", configFile({ all: "warn" })]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /--policy-pack-config .*config\.json: all: "warn" is not an enforcement level/);
    });
});

describe("check: stack files the CLI would mishandle", () => {
    it("warns on stderr and under the table, without changing the exit code, about a KMS secretsprovider without encryptedkey", async () => {
        const file = derivedStackFile("staging", (t) => t.replace(/^secretsprovider: .*$/m, "$&\nencryptedkey: AQICAHhKMSciphertextOfTheDataKey=="));
        const [without, withKey] = await Promise.all([
            runCheckCli(["--stack", "staging"]),
            runCheckCli(["--stack", "staging", "--config-file", file]),
        ]);
        assert.equal(without.code, withKey.code, without.stderr);
        assert.match(without.stderr, /^warning: stacks\/Pulumi\.staging\.yaml: secretsprovider awskms:\/\/alias\/secure-platform\/staging\/pulumi-secrets\?region=eu-west-1 has no encryptedkey/m);
        assert.match(without.stdout, /\nWarnings \(they do not change the exit code\):\n {2}- stacks\/Pulumi\.staging\.yaml: secretsprovider .* has no encryptedkey/);
        assert.doesNotMatch(withKey.stderr, /encryptedkey/);
        assert.doesNotMatch(withKey.stdout, /Warnings/);
    });
});

describe("check: what the check cannot see", () => {
    it("warns, naming each, that the objects of a Helm v4 chart or a kustomize v2 directory are judged only by a preview", async () => {
        const { checkWarnings } = await import("../../engine/check");
        const component = (type: string, name: string) => ({ urn: `urn:pulumi:dev::secure-platform::${type}::${name}`, type, name }) as RecordedResource;
        const result = {
            project: "secure-platform",
            stack: "dev",
            settingsFile: path.join(ROOT, "stacks", "Pulumi.dev.yaml"),
            resources: [component("kubernetes:helm.sh/v4:Chart", "cert-manager"), component("kubernetes:kustomize/v2:Directory", "orders"), component("kubernetes:helm.sh/v3:Release", "istiod")],
        } as unknown as CheckResult;
        const warnings = checkWarnings(result, ROOT, undefined).filter((w) => !w.startsWith("stacks/"));
        assert.deepEqual(warnings, [
            "kubernetes:helm.sh/v4:Chart::cert-manager: a Helm chart's objects are rendered by the Kubernetes provider (helm.v4.Chart) at deploy time and are not judged offline; `pulumi preview --policy-pack policies` judges them",
            "kubernetes:kustomize/v2:Directory::orders: a kustomization's objects are rendered by the Kubernetes provider (kustomize.v2.Directory) at deploy time and are not judged offline; `pulumi preview --policy-pack policies` judges them",
        ]);
    });
});

