import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { minimal, parse, rejects } from "../../harness/config-fixtures";

describe("network settings", () => {
    it("gives dev two zones and one NAT gateway", () => {
        const { network } = parse(minimal("dev"));
        assert.deepEqual(network, { vpcCidr: "10.0.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"], natGateways: "single" });
    });
    it("gives staging and prod three zones and a NAT gateway per zone", () => {
        for (const environment of ["staging", "prod"]) {
            const { network } = parse(minimal(environment));
            assert.deepEqual(network.availabilityZones, ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
            assert.equal(network.natGateways, "perAz");
        }
    });
    it("rejects a malformed VPC CIDR", () => {
        rejects(minimal("dev", { vpcCidr: "10.0.0/16" }), "vpcCidr", /is not an IPv4 CIDR.*use an RFC 1918 range/);
        rejects(minimal("dev", { vpcCidr: "10.0.0.1/16" }), "vpcCidr", /host bits set; the network address is 10.0.0.0\/16/);
    });
    it("rejects public address space and sizes outside /16 to /22", () => {
        rejects(minimal("dev", { vpcCidr: "8.8.0.0/16" }), "vpcCidr", /not private address space/);
        rejects(minimal("dev", { vpcCidr: "10.0.0.0/8" }), "vpcCidr", /\/8 is larger than AWS allows/);
        rejects(minimal("dev", { vpcCidr: "10.0.0.0/24" }), "vpcCidr", /\/24 is too small for three tiers/);
    });
    it("keeps prod on NAT per zone and staging on three zones", () => {
        rejects(minimal("prod", { natGateways: "single" }), "natGateways", /"single" is not allowed in prod/);
        rejects(minimal("staging", { availabilityZones: "[\"eu-west-1a\",\"eu-west-1b\"]" }), "availabilityZones", /2 zones given; staging needs 3/);
    });
    it("rejects zones of another region and duplicates", () => {
        rejects(minimal("dev", { availabilityZones: "[\"us-east-1a\",\"us-east-1b\"]" }), "availabilityZones", /"us-east-1a" is not an availability zone of eu-west-1/);
        rejects(minimal("dev", { availabilityZones: "[\"eu-west-1a\",\"eu-west-1a\"]" }), "availabilityZones", /duplicate entry "eu-west-1a"/);
    });
});
