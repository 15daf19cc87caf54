import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { closestMatch, editDistance, isDns1123Label } from "../../../infra/lib/naming";

describe("naming", () => {
    it("accepts DNS-1123 labels that start with a letter", () => {
        for (const good of ["a", "acme", "acme-2", "a".repeat(63)]) {
            assert.ok(isDns1123Label(good), good);
        }
        for (const bad of ["", "Acme", "2acme", "acme-", "-acme", "ac_me", "a.b", "a".repeat(64)]) {
            assert.ok(!isDns1123Label(bad), bad);
        }
    });
    it("suggests the setting a typo was meant to be", () => {
        assert.equal(editDistance("vpcCidr", "vpcCdir"), 2);
        assert.equal(closestMatch("vpcCdir", ["vpcCidr", "tenants"]), "vpcCidr");
        assert.equal(closestMatch("tenant", ["vpcCidr", "tenants"]), "tenants");
        assert.equal(closestMatch("somethingElse", ["vpcCidr", "tenants"]), undefined);
    });
});
