import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { MAX_TENANTS, parseConfig, PlatformConfig } from "../../infra/config";
import { ConfigError } from "../../infra/lib/errors";
import { DEFAULT_KUBERNETES_VERSION } from "../../infra/versions";
import { loadStackSettings } from "../harness/stack-file";

const STACKS = path.resolve(__dirname, "..", "..", "stacks");
const P = "secure-platform";

function stackConfig(stack: string): Record<string, string> {
    return { ...loadStackSettings(path.join(STACKS, `Pulumi.${stack}.yaml`), P).config };
}

function parse(raw: Record<string, string>, stack = "test"): PlatformConfig {
    return parseConfig(raw, { stack, project: P });
}

/** The problems reported for `raw`, which must be rejected. */
function problems(raw: Record<string, string>): string[] {
    try {
        parse(raw);
    } catch (error) {
        assert.ok(ConfigError.isInstance(error), `expected a ConfigError, got ${String(error)}`);
        return [...error.problems];
    }
    assert.fail("the configuration was accepted");
}

function rejects(raw: Record<string, string>, key: string, message: RegExp): void {
    const found = problems(raw);
    assert.ok(found.some((p) => p.startsWith(`${key}: `) && message.test(p)), `no problem for ${key} matching ${message}:\n${found.join("\n")}`);
}

const minimal = (environment: string, extra: Record<string, string> = {}) => ({ "aws:region": "eu-west-1", [`${P}:environment`]: environment, ...extra });

describe("parseConfig: the committed stacks", () => {
    for (const stack of ["dev", "staging", "prod"]) {
        it(`accepts stacks/Pulumi.${stack}.yaml`, () => {
            const config = parse(stackConfig(stack), stack);
            assert.equal(config.environment, stack);
            assert.equal(config.stack, stack);
            assert.equal(config.region, "eu-west-1");
        });
    }

    it("keeps prod's API endpoint private, with three zones and NAT per zone", () => {
        const config = parse(stackConfig("prod"), "prod");
        assert.deepEqual(config.publicAccessCidrs, []);
        assert.equal(config.availabilityZones.length, 3);
        assert.equal(config.natGateways, "perAz");
        assert.equal(config.kmsDeletionWindowDays, 30);
    });
});

describe("parseConfig: defaults", () => {
    it("gives dev two zones, one NAT gateway and a private endpoint", () => {
        const config = parse(minimal("dev"));
        assert.deepEqual(config.availabilityZones, ["eu-west-1a", "eu-west-1b"]);
        assert.equal(config.natGateways, "single");
        assert.equal(config.vpcCidr, "10.0.0.0/16");
        assert.equal(config.kubernetesVersion, DEFAULT_KUBERNETES_VERSION);
        assert.deepEqual(config.publicAccessCidrs, []);
        assert.deepEqual(config.tenants, []);
        assert.equal(config.logRetentionDays, 365);
        assert.equal(config.kmsDeletionWindowDays, 30);
        assert.deepEqual(config.tags, {});
        assert.equal(config.awsAccountId, undefined);
    });

    it("gives staging and prod three zones and a NAT gateway per zone", () => {
        for (const environment of ["staging", "prod"]) {
            const config = parse(minimal(environment));
            assert.deepEqual(config.availabilityZones, ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
            assert.equal(config.natGateways, "perAz");
        }
    });
});

describe("parseConfig: every bad value is named with what is allowed", () => {
    it("requires the environment", () => {
        rejects({ "aws:region": "eu-west-1" }, `${P}:environment`, /missing; set it to one of dev, staging, prod/);
    });
    it("rejects an unknown environment", () => {
        rejects(minimal("qa"), `${P}:environment`, /"qa" is not allowed; use one of dev, staging, prod/);
    });
    it("requires a well-formed region", () => {
        rejects({ [`${P}:environment`]: "dev" }, "aws:region", /missing; set the AWS region/);
        rejects(minimal("dev", { "aws:region": "Europe" }), "aws:region", /not an AWS region name/);
    });
    it("rejects a malformed VPC CIDR", () => {
        rejects(minimal("dev", { [`${P}:vpcCidr`]: "10.0.0/16" }), `${P}:vpcCidr`, /is not an IPv4 CIDR.*use an RFC 1918 range/);
        rejects(minimal("dev", { [`${P}:vpcCidr`]: "10.0.0.1/16" }), `${P}:vpcCidr`, /host bits set; the network address is 10.0.0.0\/16/);
    });
    it("rejects public address space and sizes outside /16 to /22", () => {
        rejects(minimal("dev", { [`${P}:vpcCidr`]: "8.8.0.0/16" }), `${P}:vpcCidr`, /not private address space/);
        rejects(minimal("dev", { [`${P}:vpcCidr`]: "10.0.0.0/8" }), `${P}:vpcCidr`, /\/8 is larger than AWS allows/);
        rejects(minimal("dev", { [`${P}:vpcCidr`]: "10.0.0.0/24" }), `${P}:vpcCidr`, /\/24 is too small for three tiers/);
    });
    it("rejects an unsupported Kubernetes version, with a hint when YAML ate a trailing zero", () => {
        rejects(minimal("dev", { [`${P}:kubernetesVersion`]: "1.29" }), `${P}:kubernetesVersion`, /"1.29" is not supported; use one of 1.34, 1.35/);
        rejects(minimal("dev", { [`${P}:kubernetesVersion`]: "1.3" }), `${P}:kubernetesVersion`, /YAML read 1.30 as a number; quote it/);
    });
    it("rejects 0.0.0.0/0 as a public endpoint allow-list", () => {
        rejects(minimal("dev", { [`${P}:publicAccessCidrs`]: "[\"0.0.0.0/0\"]" }), `${P}:publicAccessCidrs`, /whole internet/);
        rejects(minimal("dev", { [`${P}:publicAccessCidrs`]: "[\"0.0.0.0/1\"]" }), `${P}:publicAccessCidrs`, /broader than \/8/);
        rejects(minimal("dev", { [`${P}:publicAccessCidrs`]: "[\"203.0.113.0/24\", \"203.0.113.0/24\"]" }), `${P}:publicAccessCidrs`, /duplicate entry "203.0.113.0\/24"/);
        rejects(minimal("dev", { [`${P}:publicAccessCidrs`]: "203.0.113.0/24" }), `${P}:publicAccessCidrs`, /expected a list of strings/);
    });
    it("rejects any public endpoint in prod", () => {
        rejects(minimal("prod", { [`${P}:publicAccessCidrs`]: "[\"203.0.113.0/24\"]" }), `${P}:publicAccessCidrs`, /prod keeps the Kubernetes API endpoint private/);
    });
    it("rejects duplicate and malformed tenants", () => {
        rejects(minimal("dev", { [`${P}:tenants`]: "[{\"name\":\"acme\"},{\"name\":\"acme\"}]" }), `${P}:tenants`, /duplicate tenant name "acme"/);
        rejects(minimal("dev", { [`${P}:tenants`]: "[{\"name\":\"Acme_Corp\"}]" }), `${P}:tenants`, /tenants\[0\].name "Acme_Corp" must be a DNS-1123 label/);
        rejects(minimal("dev", { [`${P}:tenants`]: "[{\"name\":\"acme\",\"plan\":\"gold\"}]" }), `${P}:tenants`, /tenants\[0\].plan is not a tenant field; allowed: name/);
        rejects(minimal("dev", { [`${P}:tenants`]: "[{}]" }), `${P}:tenants`, /tenants\[0\].name is required/);
        rejects(minimal("dev", { [`${P}:tenants`]: "[\"acme\"]" }), `${P}:tenants`, /tenants\[0\] must be an object/);
        rejects(minimal("dev", { [`${P}:tenants`]: "acme" }), `${P}:tenants`, /expected a list of tenants/);
    });
    it("caps the number of tenants", () => {
        const tenants = JSON.stringify(Array.from({ length: MAX_TENANTS + 1 }, (_, i) => ({ name: `t${i}` })));
        rejects(minimal("dev", { [`${P}:tenants`]: tenants }), `${P}:tenants`, new RegExp(`${MAX_TENANTS + 1} tenants given; at most ${MAX_TENANTS}`));
        const allowed = JSON.stringify(Array.from({ length: MAX_TENANTS }, (_, i) => ({ name: `t${i}` })));
        assert.equal(parse(minimal("dev", { [`${P}:tenants`]: allowed })).tenants.length, MAX_TENANTS);
    });
    it("rejects a misspelt key, suggesting the right one", () => {
        rejects(minimal("dev", { [`${P}:vpcCdir`]: "10.0.0.0/16" }), `${P}:vpcCdir`, /unknown setting; did you mean secure-platform:vpcCidr\? known settings: environment, vpcCidr/);
    });
    it("ignores settings of other namespaces (provider and Pulumi settings)", () => {
        assert.equal(parse(minimal("dev", { "aws:profile": "dev", "pulumi:disable-default-providers": "[\"aws\"]" })).environment, "dev");
    });
    it("keeps prod's protections from being weakened", () => {
        rejects(minimal("prod", { [`${P}:natGateways`]: "single" }), `${P}:natGateways`, /"single" is not allowed in prod/);
        rejects(minimal("prod", { [`${P}:kmsDeletionWindowDays`]: "7" }), `${P}:kmsDeletionWindowDays`, /7 is not allowed in prod/);
        rejects(minimal("staging", { [`${P}:availabilityZones`]: "[\"eu-west-1a\",\"eu-west-1b\"]" }), `${P}:availabilityZones`, /2 zones given; staging needs 3/);
    });
    it("rejects zones of another region", () => {
        rejects(minimal("dev", { [`${P}:availabilityZones`]: "[\"us-east-1a\",\"us-east-1b\"]" }), `${P}:availabilityZones`, /"us-east-1a" is not an availability zone of eu-west-1/);
    });
    it("rejects numbers out of range or of the wrong type", () => {
        rejects(minimal("dev", { [`${P}:logRetentionDays`]: "30" }), `${P}:logRetentionDays`, /at least 365 days \(FSBP CloudWatch.16\): 365, 400/);
        rejects(minimal("dev", { [`${P}:logRetentionDays`]: "a year" }), `${P}:logRetentionDays`, /"a year" is not a whole number/);
        rejects(minimal("dev", { [`${P}:kmsDeletionWindowDays`]: "45" }), `${P}:kmsDeletionWindowDays`, /45 is out of range; use a whole number from 7 to 30/);
    });
    it("rejects a malformed account ID and tags the platform owns", () => {
        rejects(minimal("dev", { [`${P}:awsAccountId`]: "1234" }), `${P}:awsAccountId`, /not an AWS account ID; use the 12-digit ID/);
        rejects(minimal("dev", { [`${P}:tags`]: "{\"Environment\":\"x\"}" }), `${P}:tags`, /Environment is set by the platform/);
        rejects(minimal("dev", { [`${P}:tags`]: "{\"aws:owner\":\"x\"}" }), `${P}:tags`, /not a valid tag key/);
        rejects(minimal("dev", { [`${P}:tags`]: "{\"Team\":5}" }), `${P}:tags`, /Team must be a string/);
    });
    it("reports every problem at once", () => {
        const found = problems({ [`${P}:environment`]: "qa", [`${P}:vpcCidr`]: "nope", [`${P}:colour`]: "blue" });
        assert.equal(found.length, 4);
        for (const key of [`${P}:colour`, `${P}:environment`, "aws:region", `${P}:vpcCidr`]) {
            assert.ok(found.some((p) => p.startsWith(`${key}: `)), key);
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
