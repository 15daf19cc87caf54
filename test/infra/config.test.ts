import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { SETTINGS } from "../../infra/config";
import { ConfigError } from "../../infra/lib/errors";
import { minimal, P, parse, problems, rejects } from "../harness/config-fixtures";
import { loadStackSettings } from "../../engine/stack-file";

const STACKS = path.resolve(__dirname, "..", "..", "stacks");

function stackConfig(stack: string): Record<string, string> {
    return { ...loadStackSettings(path.join(STACKS, `Pulumi.${stack}.yaml`), P).config };
}

describe("parseConfig: the committed stacks", () => {
    for (const stack of ["dev", "staging", "prod"]) {
        it(`accepts stacks/Pulumi.${stack}.yaml`, () => {
            const config = parse(stackConfig(stack), stack);
            assert.equal(config.environment, stack);
            assert.equal(config.stack, stack);
            assert.equal(config.region, "eu-west-1");
        });
    }

    it("keeps prod's API endpoint private, with three zones, NAT per zone and the full key deletion window", () => {
        const config = parse(stackConfig("prod"), "prod");
        assert.deepEqual(config.cluster.publicAccessCidrs, []);
        assert.equal(config.network.availabilityZones.length, 3);
        assert.equal(config.network.natGateways, "perAz");
        assert.equal(config.kmsDeletionWindowDays, 30);
    });
});

describe("parseConfig: keys", () => {
    it("knows every section's settings", () => {
        for (const key of ["environment", "vpcCidr", "kubernetesVersion", "publicAccessCidrs", "tenants", "accessEntries", "tlsPolicy"]) {
            assert.ok(key in SETTINGS, key);
        }
    });
    it("rejects a misspelt key, suggesting the right one", () => {
        rejects(minimal("dev", { vpcCdir: "10.0.0.0/16" }), "vpcCdir", /unknown setting; did you mean secure-platform:vpcCidr\? known settings: environment, /);
    });
    it("ignores settings of other namespaces (provider and Pulumi settings)", () => {
        assert.equal(parse(minimal("dev", { "aws:profile": "dev", "pulumi:disable-default-providers": "[\"aws\"]" })).environment, "dev");
    });
    it("reports every problem at once, across sections", () => {
        const found = problems({ [`${P}:environment`]: "qa", [`${P}:vpcCidr`]: "nope", [`${P}:colour`]: "blue" });
        for (const key of [`${P}:colour`, `${P}:environment`, "aws:region", `${P}:vpcCidr`, `${P}:accessEntries`, `${P}:certificateArn`]) {
            assert.ok(found.some((p) => p.startsWith(`${key}: `)), `${key} in:\n${found.join("\n")}`);
        }
    });
});

describe("ConfigError", () => {
    it("carries the Pulumi RunError marker, so the CLI prints the message without a stack trace", () => {
        const error = new ConfigError(["a: b"]);
        assert.equal(error.__pulumiRunError, true);
        assert.equal(error.message, "Invalid stack configuration:\n  - a: b");
        assert.equal(error.withSource("stacks/Pulumi.dev.yaml").message, "Invalid stack configuration in stacks/Pulumi.dev.yaml:\n  - a: b");
    });
});
