import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cidrSet, formatSet } from "../../../engine/preflight/address-set";
import { evaluateAcl, NetworkModel, TCP } from "../../../engine/preflight/network-model";
import { handBuilt, resource } from "./hand-built-stacks";

function model(ingress: object[]) {
    return NetworkModel.of(handBuilt([
        resource("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" }),
        resource("aws:ec2/subnet:Subnet", "app", { vpcId: "vpc-id", cidrBlock: "10.0.0.0/18" }),
        resource("aws:ec2/networkAcl:NetworkAcl", "acl", { vpcId: "vpc-id", subnetIds: ["app-id"], ingress, egress: [] }),
    ]));
}

describe("network ACL evaluation", () => {
    it("applies the lowest-numbered matching rule first and ends with the implicit deny", () => {
        const acl = model([
            { ruleNo: 200, action: "allow", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 443, toPort: 443 },
            { ruleNo: 100, action: "deny", protocol: "tcp", cidrBlock: "172.16.0.0/16", fromPort: 443, toPort: 443 },
        ]).aclOf("app-id")!;
        const { allowed, drops } = evaluateAcl(acl, "ingress", TCP(443), cidrSet("172.16.0.0/12")!);
        assert.equal(formatSet(allowed), "172.17.0.0/16, 172.18.0.0/15, 172.20.0.0/14, 172.24.0.0/13");
        assert.deepEqual(drops.map((d) => [d.rule.ruleNo, formatSet(d.addresses)]), [[100, "172.16.0.0/16"]]);
        assert.deepEqual(evaluateAcl(acl, "egress", TCP(443), cidrSet("172.16.0.0/12")!).drops.map((d) => d.rule.ruleNo), ["*"]);
    });

    it("splits a port range at rule boundaries, so a gap in the allowed ports is a drop", () => {
        const acl = model([
            { ruleNo: 100, action: "allow", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 1024, toPort: 3388 },
            { ruleNo: 110, action: "allow", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 3390, toPort: 65535 },
        ]).aclOf("app-id")!;
        const { drops } = evaluateAcl(acl, "ingress", TCP(1024, 65535), cidrSet("192.0.2.0/24")!);
        assert.deepEqual(drops.map((d) => [d.rule.ruleNo, d.fromPort, d.toPort]), [["*", 3389, 3389]]);
        assert.deepEqual(evaluateAcl(acl, "ingress", TCP(32768, 65535), cidrSet("192.0.2.0/24")!).drops, []);
    });
});
