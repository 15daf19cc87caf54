/**
 * The pack configuration profiles in policies/profiles/, sent to the real pack through Configure as
 * `--policy-pack-config` would send them: each must name only existing rules and settings, and must
 * change outcomes the way it promises.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { RULES } from "../../../policies/registry";
import { PolicyPackConfig, PolicyPackSession } from "../../../engine/analyzer";
import { ROOT, runCheckCli } from "../../harness/cli";
import { CaseResource, resource } from "../../harness/policy-cases";

const PROFILES = path.join(ROOT, "policies", "profiles");
const profile = (name: string) => JSON.parse(fs.readFileSync(path.join(PROFILES, name), "utf8")) as PolicyPackConfig;

const RSA_3072 = resource("tls:index/privateKey:PrivateKey", "legacy", { algorithm: "RSA", rsaBits: 3072 });
const YEAR_OF_LOGS = resource("aws:cloudwatch/logGroup:LogGroup", "audit", { name: "/app/audit", retentionInDays: 365, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/k" });
const PLAIN_STORAGE = resource("kubernetes:storage.k8s.io/v1:StorageClass", "plain", { metadata: { name: "plain" }, provisioner: "ebs.csi.aws.com", parameters: { type: "gp3" } });

let session: PolicyPackSession;

async function levels(config: PolicyPackConfig, resources: readonly CaseResource[]): Promise<Record<string, string>> {
    await session.configure(config);
    const diagnostics = (await Promise.all(resources.map((r) => session.analyze({ urn: r.urn, type: r.type, name: r.name, properties: r.props })))).flat();
    return Object.fromEntries(diagnostics.map((d) => [d.policyName, d.enforcementLevel]));
}

before(async () => {
    session = await PolicyPackSession.launch({ packDir: path.join(ROOT, "policies"), project: "handwritten", stack: "profiles", dryRun: false });
});
after(() => session?.close());

describe("pack configuration profiles", () => {
    it("name only rules of the pack and settings those rules declare", () => {
        const files = fs.readdirSync(PROFILES).filter((f) => f.endsWith(".json"));
        assert.deepEqual(files.sort(), ["advisory-rollout.json", "strict-production.json"]);
        const rules = new Map(RULES.map((r) => [r.metadata.name, r]));
        for (const file of files) {
            for (const [name, entry] of Object.entries(profile(file))) {
                if (name === "all") {
                    continue;
                }
                const rule = rules.get(name);
                assert.ok(rule, `${file}: ${name} is not a rule of the pack`);
                if (typeof entry === "object") {
                    for (const setting of Object.keys(entry).filter((k) => k !== "enforcementLevel")) {
                        assert.ok(rule.metadata.config && setting in rule.metadata.config, `${file}: ${name} has no setting ${setting}`);
                    }
                }
            }
        }
    });

    it("advisory-rollout reports every violation without blocking", async () => {
        assert.deepEqual(await levels({}, [PLAIN_STORAGE]), { "require-encrypted-storage-class": "mandatory" });
        assert.deepEqual(await levels(profile("advisory-rollout.json"), [PLAIN_STORAGE]), { "require-encrypted-storage-class": "advisory" });
    });

    it("strict-production rejects what the defaults accept", async () => {
        assert.deepEqual(await levels({}, [RSA_3072, YEAR_OF_LOGS]), {});
        assert.deepEqual(await levels(profile("strict-production.json"), [RSA_3072, YEAR_OF_LOGS]), {
            "require-strong-private-keys": "mandatory",
            "require-log-group-retention": "mandatory",
        });
    });

    it("strict-production holds staging to production's vault lock and protection, through the check command", async () => {
        const result = await runCheckCli(["--stack", "staging", "--policy-pack-config", path.join(PROFILES, "strict-production.json")]);
        assert.equal(result.code, 1, result.stderr);
        assert.match(result.stdout, /MANDATORY  require-backup-vault-lock /);
        assert.match(result.stdout, /MANDATORY  require-protected-stateful-resources /);
        assert.match(result.stdout, /MANDATORY  require-lb-deletion-protection /);
    });
});
