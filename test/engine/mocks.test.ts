/**
 * The mocks' answer to a stack reference: the rendered stack as a backend would report it, with no outputs (a stack
 * never deployed, an environment's first `pulumi up`) unless a test gives its last deployment's.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MockStack, PlatformMocks, PREVIOUS_OUTPUTS_VARIABLE } from "../../engine/mocks";

const ENVIRONMENT = { region: "eu-west-1", accountId: "111122223333" };
const SELF_MANAGED: MockStack = { organization: "organization", project: "secure-platform", stack: "dev" };
const CLOUD: MockStack = { organization: "acme", project: "secure-platform", stack: "dev" };

function read(self: MockStack, name: string, previous?: string): Record<string, unknown> {
    const { id, state } = new PlatformMocks(ENVIRONMENT, self, previous).newResource({
        type: "pulumi:pulumi:StackReference",
        name: "deploy-phase-guard",
        inputs: { name },
        custom: true,
        id: name,
    });
    assert.equal(id, name);
    return state;
}

describe("PlatformMocks' stack references", () => {
    it("answers no outputs for the rendered stack when no previous deployment is given, as for a stack never deployed", () => {
        delete process.env[PREVIOUS_OUTPUTS_VARIABLE];
        assert.deepEqual(read(CLOUD, "acme/secure-platform/dev").outputs, {});
        assert.deepEqual(read(CLOUD, "acme/secure-platform/dev", "").outputs, {});
    });

    it("answers the previous deployment's outputs when a test gives them", () => {
        const state = read(CLOUD, "acme/secure-platform/dev", JSON.stringify({ deployPhase: "platform", environment: "dev" }));
        assert.deepEqual(state.outputs, { deployPhase: "platform", environment: "dev" });
        assert.deepEqual(state.secretOutputNames, []);
    });

    it("takes the bare stack name on a self-managed backend, and only the full name on Pulumi Cloud", () => {
        assert.deepEqual(read(SELF_MANAGED, "dev").outputs, {});
        assert.deepEqual(read(SELF_MANAGED, "organization/secure-platform/dev").outputs, {});
        assert.throws(() => read(CLOUD, "dev"), /knows no stack "dev": a stack reference can only name the stack being rendered \(acme\/secure-platform\/dev\)/);
    });

    it("knows no other stack", () => {
        assert.throws(() => read(CLOUD, "acme/secure-platform/prod"), /knows no stack "acme\/secure-platform\/prod"/);
    });

    it("refuses previous outputs that are not a JSON object, naming the variable", () => {
        for (const bad of ["platform", "[]", "null"]) {
            assert.throws(() => read(CLOUD, "acme/secure-platform/dev", bad), new RegExp(`${PREVIOUS_OUTPUTS_VARIABLE} must be a JSON object of stack outputs`), bad);
        }
    });
});

describe("PlatformMocks' lookups of the region", () => {
    const mocks = new PlatformMocks(ENVIRONMENT, SELF_MANAGED, undefined, (reference) => (reference.includes("::virginia::") ? "us-east-1" : undefined));
    const virginia = "urn:pulumi:dev::secure-platform::pulumi:providers:aws::virginia::0f1e";

    it("answers getAvailabilityZones with <region>a, b and c and their zone ids, without the excluded ones", () => {
        assert.deepEqual(mocks.call({ token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: {} }),
            { id: "eu-west-1", region: "eu-west-1", names: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], zoneIds: ["euw1-az1", "euw1-az2", "euw1-az3"], groupNames: ["eu-west-1", "eu-west-1", "eu-west-1"] });
        const excluded = mocks.call({ token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: { excludeNames: ["eu-west-1b"], excludeZoneIds: ["euw1-az3"] } });
        assert.deepEqual(excluded.names, ["eu-west-1a"]);
        assert.deepEqual(mocks.call({ token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: { state: "unavailable" } }).names, []);
    });

    it("answers for the region of the provider the invoke names, or the region the invoke asks for", () => {
        assert.equal(mocks.call({ token: "aws:index/getRegion:getRegion", inputs: {}, provider: virginia }).region, "us-east-1");
        assert.deepEqual(mocks.call({ token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: {}, provider: virginia }).zoneIds, ["use1-az1", "use1-az2", "use1-az3"]);
        assert.equal(mocks.call({ token: "aws:index/getRegion:getRegion", inputs: { region: "ap-southeast-2" } }).endpoint, "ec2.ap-southeast-2.amazonaws.com");
        assert.deepEqual(mocks.call({ token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: { region: "ap-southeast-2" } }).zoneIds, ["apse2-az1", "apse2-az2", "apse2-az3"]);
    });

    it("answers getPartition and getCallerIdentity in the partition of that region", () => {
        assert.deepEqual(mocks.call({ token: "aws:index/getPartition:getPartition", inputs: { region: "cn-north-1" } }),
            { id: "aws-cn", partition: "aws-cn", dnsSuffix: "amazonaws.com.cn", reverseDnsPrefix: "cn.com.amazonaws" });
        assert.match(String(mocks.call({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: { region: "us-gov-west-1" } }).arn), /^arn:aws-us-gov:sts::111122223333:/);
        assert.deepEqual(mocks.call({ token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: { region: "us-gov-west-1" } }).zoneIds, ["usgw1-az1", "usgw1-az2", "usgw1-az3"]);
    });
});
