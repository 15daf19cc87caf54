import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { CONTROL_PLANE_TO_NODE_PORTS, NodeSecurityGroup } from "../../../infra/aws/node-security-group";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../harness/resources";

let security: RecordedResource[];

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        new NodeSecurityGroup("nodes", { vpcId: "vpc-1", vpcCidr: "10.30.0.0/16", clusterSecurityGroupId: "sg-control-plane" }, { provider });
    });
    security = descendantsOf(resources, named(resources, "nodes"));
});

const input = (r: RecordedResource, key: string) => plain(r.inputs)[key];

describe("NodeSecurityGroup", () => {
    const rules = () => [
        ...ofType(security, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
        ...ofType(security, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"),
    ];

    it("admits nothing from the internet", () => {
        for (const rule of ofType(security, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")) {
            assert.equal(input(rule, "cidrIpv4"), undefined, `${rule.name} takes a CIDR`);
            assert.ok(input(rule, "referencedSecurityGroupId"));
        }
    });

    it("lets the control plane reach only the kubelet, webhooks and the Istio injector", () => {
        const fromControlPlane = rules().filter((r) => input(r, "referencedSecurityGroupId") === "sg-control-plane");
        assert.deepEqual(fromControlPlane.map((r) => input(r, "fromPort")).sort(), CONTROL_PLANE_TO_NODE_PORTS.map((p) => p.port).sort());
        assert.ok(fromControlPlane.every((r) => input(r, "ipProtocol") === "tcp" && input(r, "fromPort") === input(r, "toPort")));
    });

    it("lets nodes reach the API, each other, the VPC, and HTTPS beyond", () => {
        const [group] = ofType(security, "aws:ec2/securityGroup:SecurityGroup");
        const api = rules().find((r) => input(r, "securityGroupId") === "sg-control-plane")!;
        assert.deepEqual([input(api, "referencedSecurityGroupId"), input(api, "fromPort")], [group.id, 443]);
        const egress = ofType(security, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        assert.deepEqual(egress.map((r) => [input(r, "cidrIpv4"), input(r, "ipProtocol"), input(r, "fromPort") ?? null]).sort(), [["0.0.0.0/0", "tcp", 443], ["10.30.0.0/16", "-1", null]]);
    });
});
