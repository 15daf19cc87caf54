import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { InputError, loadProject, loadStackSettings, securePlaceholder } from "../../engine/stack-file";

function write(text: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-file-"));
    const file = path.join(dir, "Pulumi.test.yaml");
    fs.writeFileSync(file, text);
    return file;
}

describe("loadStackSettings", () => {
    it("qualifies bare keys, encodes lists and objects as JSON and scalars as text", () => {
        const settings = loadStackSettings(write([
            "config:",
            "  environment: dev",
            "  aws:region: eu-west-1",
            "  secure-platform:logRetentionDays: 365",
            "  secure-platform:tenants:",
            "    - name: acme",
            "  secure-platform:kubernetesVersion: 1.30",
        ].join("\n")), "secure-platform");
        assert.deepEqual(settings.config, {
            "secure-platform:environment": "dev",
            "aws:region": "eu-west-1",
            "secure-platform:logRetentionDays": "365",
            "secure-platform:tenants": "[{\"name\":\"acme\"}]",
            // As with the Pulumi CLI, an unquoted 1.30 is the number 1.3.
            "secure-platform:kubernetesVersion": "1.3",
        });
        assert.deepEqual(settings.secretKeys, []);
    });

    it("turns secure values into placeholders and marks their keys secret", () => {
        const settings = loadStackSettings(write([
            "secretsprovider: awskms://alias/x?region=eu-west-1",
            "config:",
            "  secure-platform:token:",
            "    secure: AAABAJ1ciphertext==",
            "  secure-platform:nested:",
            "    list:",
            "      - secure: AAABAJ2ciphertext==",
        ].join("\n")), "secure-platform");
        assert.equal(settings.config["secure-platform:token"], securePlaceholder("secure-platform:token"));
        assert.deepEqual(JSON.parse(settings.config["secure-platform:nested"]), { list: [securePlaceholder("secure-platform:nested")] });
        assert.deepEqual(settings.secretKeys, ["secure-platform:nested", "secure-platform:token"]);
        assert.equal(settings.secretsProvider, "awskms://alias/x?region=eu-west-1");
    });

    const bad: [string, string, RegExp][] = [
        ["malformed YAML", "config:\n  a: [1, 2\n", /is not valid YAML/],
        ["a duplicate key", "config:\n  a: 1\n  a: 2\n", /is not valid YAML/],
        ["a misspelt top-level key", "confg:\n  a: 1\n", /"confg" is not a stack settings key; allowed: secretsprovider, encryptedkey, encryptionsalt, config, environment/],
        ["an ESC environment", "environment:\n  - prod\nconfig: {}\n", /cannot be resolved offline/],
        ["config that is a list", "config:\n  - a\n", /"config" must be a mapping/],
        ["a malformed secure value", "config:\n  a:\n    secure: 5\n", /malformed secure value/],
        ["a key with an empty namespace", "config:\n  \":a\": 1\n", /must look like <namespace>:<name>/],
        ["a key with no value", "config:\n  a:\n", /has no value/],
    ];
    for (const [what, text, message] of bad) {
        it(`rejects ${what}, naming the file`, () => {
            const file = write(text);
            assert.throws(() => loadStackSettings(file, "secure-platform"), (error: unknown) =>
                error instanceof InputError && message.test(error.message) && error.message.includes(file));
        });
    }

    it("rejects a missing file", () => {
        assert.throws(() => loadStackSettings("/nonexistent/Pulumi.x.yaml", "p"), /does not exist/);
    });
});

describe("loadProject", () => {
    it("resolves main and stackConfigDir against the project folder", () => {
        const project = loadProject(path.resolve(__dirname, "..", ".."));
        assert.equal(project.name, "secure-platform");
        assert.equal(project.main, path.resolve(__dirname, "..", "..", "infra"));
        assert.equal(project.stackConfigDir, path.resolve(__dirname, "..", "..", "stacks"));
    });
});
