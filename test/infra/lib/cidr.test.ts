import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cidrContains, cidrsOverlap, formatCidr, mustParseCidr, parseCidr, subnetAt } from "../../../infra/lib/cidr";

describe("parseCidr", () => {
    it("parses a network address", () => {
        assert.deepEqual(parseCidr("10.20.0.0/16"), { ok: true, cidr: { network: 0x0a140000, prefix: 16 } });
        assert.deepEqual(parseCidr("0.0.0.0/0"), { ok: true, cidr: { network: 0, prefix: 0 } });
    });
    it("rejects host bits and names the network address", () => {
        assert.deepEqual(parseCidr("10.0.0.1/16"), { ok: false, reason: "\"10.0.0.1/16\" has host bits set; the network address is 10.0.0.0/16" });
    });
    for (const bad of ["10.0.0.0", "10.0.0/16", "256.0.0.0/8", "10.0.0.0/33", " 10.0.0.0/16", "10.0.0.0/16 ", "010.0.0.0/8", "::/0"]) {
        it(`rejects ${JSON.stringify(bad)}`, () => {
            const result = parseCidr(bad);
            assert.equal(result.ok, false);
        });
    }
});

describe("CIDR arithmetic", () => {
    it("finds containment and overlap", () => {
        assert.ok(cidrContains(mustParseCidr("10.0.0.0/8"), mustParseCidr("10.1.2.0/24")));
        assert.ok(!cidrContains(mustParseCidr("10.1.2.0/24"), mustParseCidr("10.0.0.0/8")));
        assert.ok(cidrsOverlap(mustParseCidr("10.1.2.0/24"), mustParseCidr("10.0.0.0/8")));
        assert.ok(!cidrsOverlap(mustParseCidr("10.0.0.0/16"), mustParseCidr("10.1.0.0/16")));
    });
    it("splits a range like cidrsubnet", () => {
        assert.equal(formatCidr(subnetAt(mustParseCidr("10.0.0.0/16"), 18, 3)), "10.0.192.0/18");
        assert.equal(formatCidr(subnetAt(mustParseCidr("192.168.0.0/22"), 27, 31)), "192.168.3.224/27");
        assert.throws(() => subnetAt(mustParseCidr("10.0.0.0/16"), 18, 4), /outside 0..3/);
        assert.throws(() => subnetAt(mustParseCidr("10.0.0.0/16"), 8, 0), /cannot split/);
    });
});
