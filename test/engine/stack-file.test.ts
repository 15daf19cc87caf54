import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { InputError, loadProject, loadStackSettings, securePlaceholder, stackFileWarnings } from "../../engine/stack-file";

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

describe("stackFileWarnings", () => {
    const KMS = "awskms://alias/secure-platform/prod/pulumi-secrets?region=eu-west-1";

    it("warns about a key service secretsprovider without the encryptedkey that pulumi stack init writes", () => {
        const warnings = stackFileWarnings(loadStackSettings(write(`secretsprovider: ${KMS}\nconfig: {}\n`), "secure-platform"), "prod");
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /^secretsprovider awskms:\/\/alias\/secure-platform\/prod\/pulumi-secrets\?region=eu-west-1 has no encryptedkey/);
        assert.match(warnings[0], /kms:Encrypt on AWS, refused to a role that may only decrypt/);
        assert.ok(warnings[0].includes(`pulumi stack init [<org>/]prod --secrets-provider "${KMS}"`), warnings[0]);
        assert.match(warnings[0], /commit the encryptedkey it writes to this file/);
    });

    it("warns for every key service, not only AWS KMS", () => {
        for (const provider of ["gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k", "azurekeyvault://vault.vault.azure.net/keys/k", "hashivault://transit-key"]) {
            assert.equal(stackFileWarnings(loadStackSettings(write(`secretsprovider: ${provider}\n`), "p"), "s").length, 1, provider);
        }
    });

    it("says nothing once the encryptedkey is committed, and never invents one", () => {
        const file = write(`secretsprovider: ${KMS}\nencryptedkey: AQICAHhKMSciphertextOfTheDataKey==\nconfig: {}\n`);
        const settings = loadStackSettings(file, "secure-platform");
        assert.equal(settings.encryptedKey, "AQICAHhKMSciphertextOfTheDataKey==");
        assert.deepEqual(stackFileWarnings(settings, "prod"), []);
        const bare = loadStackSettings(write(`secretsprovider: ${KMS}\n`), "secure-platform");
        assert.equal(bare.encryptedKey, undefined);
    });

    it("says nothing for the providers the CLI serves itself: Pulumi Cloud's, a passphrase, none", () => {
        for (const text of ["config: {}\n", "secretsprovider: default\n", "secretsprovider: passphrase\nencryptionsalt: v1:abc:def\n"]) {
            assert.deepEqual(stackFileWarnings(loadStackSettings(write(text), "p"), "dev"), [], text);
        }
    });

    it("warns about the committed staging and prod files until their keys are committed, never about dev or onprem", () => {
        const root = path.resolve(__dirname, "..", "..");
        const load = (stack: string) => loadStackSettings(path.join(root, "stacks", `Pulumi.${stack}.yaml`), "secure-platform");
        for (const stack of ["dev", "onprem"]) {
            assert.deepEqual(stackFileWarnings(load(stack), stack), [], stack);
        }
        for (const stack of ["staging", "prod"]) {
            const settings = load(stack);
            assert.match(settings.secretsProvider ?? "", /^awskms:\/\//, stack);
            assert.equal(stackFileWarnings(settings, stack).length, settings.encryptedKey === undefined ? 1 : 0, stack);
        }
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
