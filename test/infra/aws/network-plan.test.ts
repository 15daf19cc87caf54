import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ANYWHERE, AclRule, EPHEMERAL_INBOUND_FROM_INTERNET, MAX_ACL_RULES_PER_DIRECTION, planNetworkAcls, planSubnets, TIERS } from "../../../infra/aws/network-plan";
import { MAX_PRIVATE_ACCESS_CIDRS } from "../../../infra/settings/cluster";
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
    const acls = planNetworkAcls(plan, { vpcCidr: "10.0.0.0/16" });

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

/** Whether `rule` lets TCP `port` through. */
const admits = (rule: AclRule, port: number) => (rule.protocol === "-1" || rule.protocol === "tcp") && (rule.protocol === "-1" || (rule.fromPort <= port && port <= rule.toPort));

describe("planNetworkAcls and the Kubernetes API's private ranges", () => {
    const plan = planSubnets("10.30.0.0/16", ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    const vpn = "172.16.0.0/16";
    const acls = planNetworkAcls(plan, { vpcCidr: "10.30.0.0/16", kubernetesApiClients: ["10.30.0.0/16", vpn] });
    const from = (cidr: string, direction: "ingress" | "egress", tier: (typeof TIERS)[number] = "app") => acls[tier][direction].filter((r) => r.cidrBlock === cidr);

    it("admits TCP 443 from a range outside the VPC into the app tier, where the control plane's interfaces are", () => {
        assert.deepEqual(from(vpn, "ingress").map(({ protocol, fromPort, toPort }) => [protocol, fromPort, toPort]), [["tcp", 443, 443]]);
    });

    it("lets the API's replies out to that range on every ephemeral port, and nothing else", () => {
        assert.deepEqual(from(vpn, "egress").map(({ protocol, fromPort, toPort }) => [protocol, fromPort, toPort]), [["tcp", 1024, 65535]]);
        assert.ok(!from(vpn, "egress").some((r) => admits(r, 443) && r.fromPort === 443), "no new connection to the range");
    });

    it("opens nothing for the range in the DMZ or the data tier", () => {
        for (const tier of ["dmz", "data"] as const) {
            assert.deepEqual([...from(vpn, "ingress", tier), ...from(vpn, "egress", tier)], [], tier);
        }
    });

    it("adds no rule for a range inside the VPC, whose subnets the tier rules admit already", () => {
        assert.deepEqual([...from("10.30.0.0/16", "ingress"), ...from("10.30.0.0/16", "egress")], []);
        const inside = planNetworkAcls(plan, { vpcCidr: "10.30.0.0/16", kubernetesApiClients: ["10.30.0.0/18"] });
        assert.deepEqual(inside, planNetworkAcls(plan, { vpcCidr: "10.30.0.0/16" }));
    });

    it("numbers the range's rules apart from the others", () => {
        for (const direction of ["ingress", "egress"] as const) {
            const numbers = acls.app[direction].map((r) => r.ruleNo);
            assert.equal(new Set(numbers).size, numbers.length, direction);
        }
    });

    it("fits the most private ranges the settings allow into an ACL, and refuses more, naming the tier", () => {
        const ranges = Array.from({ length: MAX_PRIVATE_ACCESS_CIDRS }, (_, i) => `172.${16 + i}.0.0/16`);
        const full = planNetworkAcls(plan, { vpcCidr: "10.30.0.0/16", kubernetesApiClients: ranges });
        for (const direction of ["ingress", "egress"] as const) {
            assert.ok(full.app[direction].length <= MAX_ACL_RULES_PER_DIRECTION, `${direction}: ${full.app[direction].length} rules`);
        }
        const tooMany = Array.from({ length: 12 }, (_, i) => `172.${16 + i}.0.0/16`);
        assert.throws(() => planNetworkAcls(plan, { vpcCidr: "10.30.0.0/16", kubernetesApiClients: tooMany }), /the app tier's network ACL would need 23 ingress rules; AWS allows 20/);
    });
});

describe("planNetworkAcls and ephemeral ports", () => {
    const plan = planSubnets("10.30.0.0/16", ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    const acls = planNetworkAcls(plan, { vpcCidr: "10.30.0.0/16", kubernetesApiClients: ["172.16.0.0/16"] });

    it("sends replies to internet clients on every ephemeral port, 3389 included", () => {
        const replies = acls.dmz.egress.filter((r) => r.cidrBlock === ANYWHERE && r.fromPort >= 1024);
        for (const port of [1024, 3388, 3389, 3390, 49152, 65535]) {
            assert.ok(replies.some((r) => admits(r, port)), `no reply to a client on port ${port}`);
        }
    });

    it("still admits neither SSH nor RDP from the internet into any tier (FSBP EC2.21)", () => {
        for (const tier of TIERS) {
            for (const rule of acls[tier].ingress.filter((r) => r.cidrBlock === ANYWHERE)) {
                for (const port of [22, 3389]) {
                    assert.ok(!admits(rule, port), `${tier} rule ${rule.ruleNo} admits port ${port} from the internet`);
                }
            }
        }
        assert.deepEqual(EPHEMERAL_INBOUND_FROM_INTERNET, [[1024, 3388], [3390, 65535]]);
    });
});
