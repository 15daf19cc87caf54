import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planNetworkAcls, planSubnets, TIERS } from "../../../infra/aws/network-plan";
import { cidrContains, cidrsOverlap, mustParseCidr } from "../../../infra/lib/cidr";

describe("planSubnets", () => {
    for (const vpc of ["10.0.0.0/16", "172.16.0.0/20", "192.168.0.0/22"]) {
        it(`keeps every subnet of ${vpc} inside the VPC and apart from the others`, () => {
            const plan = planSubnets(vpc, ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
            const cidrs = plan.flatMap((zone) => TIERS.map((tier) => mustParseCidr(zone.cidrs[tier])));
            assert.equal(cidrs.length, 9);
            for (const [i, a] of cidrs.entries()) {
                assert.ok(cidrContains(mustParseCidr(vpc), a));
                for (const b of cidrs.slice(i + 1)) {
                    assert.ok(!cidrsOverlap(a, b));
                }
            }
        });
    }

    it("gives the app tier a quarter of the VPC per zone and the other tiers 1/32", () => {
        const [zone] = planSubnets("10.0.0.0/16", ["eu-west-1a"]);
        assert.deepEqual(zone.cidrs, { app: "10.0.0.0/18", dmz: "10.0.192.0/21", data: "10.0.224.0/21" });
    });

    it("does not move existing zones when a third is added", () => {
        const two = planSubnets("10.0.0.0/16", ["eu-west-1a", "eu-west-1b"]);
        const three = planSubnets("10.0.0.0/16", ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
        assert.deepEqual(three.slice(0, 2), two);
    });

    it("refuses more zones than the plan holds", () => {
        assert.throws(() => planSubnets("10.0.0.0/16", ["a", "b", "c", "d"]), /at most 3 zones/);
    });
});

describe("planNetworkAcls", () => {
    const plan = planSubnets("10.0.0.0/16", ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    const acls = planNetworkAcls(plan);

    it("numbers rules uniquely within each direction", () => {
        for (const tier of TIERS) {
            for (const direction of ["ingress", "egress"] as const) {
                const numbers = acls[tier][direction].map((r) => r.ruleNo);
                assert.equal(new Set(numbers).size, numbers.length, `${tier} ${direction}`);
            }
        }
    });

    it("opens only 443 and 80 (plus return ports) to the internet, and only in the DMZ", () => {
        const fromInternet = (tier: (typeof TIERS)[number]) => acls[tier].ingress.filter((r) => r.cidrBlock === "0.0.0.0/0");
        assert.deepEqual(fromInternet("dmz").filter((r) => r.fromPort < 1024).map((r) => r.fromPort), [443, 80]);
        for (const tier of ["app", "data"] as const) {
            assert.ok(fromInternet(tier).every((r) => r.fromPort >= 1024), `${tier} takes only return traffic from the internet`);
        }
    });

    it("keeps the DMZ out of the data tier", () => {
        const dmz = plan.map((z) => z.cidrs.dmz);
        assert.ok(acls.data.ingress.every((r) => !dmz.includes(r.cidrBlock)));
        assert.ok(acls.data.egress.every((r) => !dmz.includes(r.cidrBlock)));
    });
});
