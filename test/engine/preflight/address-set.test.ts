import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cidrSet, formatSet, intersect, subtract, union } from "../../../engine/preflight/address-set";

const set = (...cidrs: string[]) => union(...cidrs.map((c) => cidrSet(c)!));

describe("address sets", () => {
    it("subtract a subnet from a range and print what is left as the fewest CIDRs", () => {
        assert.equal(formatSet(subtract(set("10.0.0.0/16"), set("10.0.0.0/17"))), "10.0.128.0/17");
        assert.equal(formatSet(subtract(set("10.0.0.0/16"), set("10.0.64.0/18"))), "10.0.0.0/18, 10.0.128.0/17");
    });

    it("intersect ranges and join adjacent ones", () => {
        assert.equal(formatSet(intersect(set("10.0.0.0/8"), set("10.1.0.0/16", "192.168.0.0/16"))), "10.1.0.0/16");
        assert.equal(formatSet(set("10.0.0.0/17", "10.0.128.0/17")), "10.0.0.0/16");
    });

    it("read only IPv4 CIDRs without host bits", () => {
        assert.equal(cidrSet("10.0.0.1/16"), undefined);
        assert.equal(cidrSet("::/0"), undefined);
        assert.deepEqual(cidrSet("0.0.0.0/0"), [[0, 0xffffffff]]);
    });
});
