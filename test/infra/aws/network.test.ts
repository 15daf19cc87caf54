import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { Network, NetworkArgs, validateNetworkArgs } from "../../../infra/aws/network";
import { EPHEMERAL_INBOUND_FROM_INTERNET, planSubnets, TIERS } from "../../../infra/aws/network-plan";
import { DEFAULT_INTERFACE_ENDPOINTS, defaultInterfaceEndpoints } from "../../../infra/aws/vpc-endpoints";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { byId, descendantsOf, named, ofType, plain } from "../../harness/resources";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
let all: readonly RecordedResource[];
/** Resources of the three-zone, NAT-per-zone network. */
let ha: RecordedResource[];
/** Resources of the two-zone, single-NAT network. */
let small: RecordedResource[];

function networkArgs(overrides: Partial<NetworkArgs>): NetworkArgs {
    return {
        context: { region: "eu-west-1" } as NetworkArgs["context"],
        cidrBlock: "10.30.0.0/16",
        availabilityZones: ZONES,
        flowLogs: { logGroupName: "/test/vpc-flow-logs", kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/logs", retentionInDays: 365 },
        ...overrides,
    };
}

before(async () => {
    const result = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        const context = lookupAwsContext("eu-west-1", provider);
        new Network("ha", networkArgs({ context, natGateways: "perAz", protect: true, kubernetesApiClients: ["10.30.0.0/16", "172.16.0.0/16"] }), { provider });
        new Network("small", networkArgs({ context, cidrBlock: "10.10.0.0/20", availabilityZones: ZONES.slice(0, 2), natGateways: "single" }), { provider });
    });
    all = result.resources;
    ha = descendantsOf(all, named(all, "ha"));
    small = descendantsOf(all, named(all, "small"));
});

const input = (r: RecordedResource, key: string) => plain(r.inputs)[key];
const tierOf = (resources: RecordedResource[], subnetId: unknown) => input(byId(resources, subnetId), "tags").Tier as string;

describe("Network", () => {
    it("creates a VPC with DNS support and hostnames (needed by private endpoints)", () => {
        const [vpc] = ofType(ha, "aws:ec2/vpc:Vpc");
        assert.equal(input(vpc, "cidrBlock"), "10.30.0.0/16");
        assert.equal(input(vpc, "enableDnsSupport"), true);
        assert.equal(input(vpc, "enableDnsHostnames"), true);
    });

    it("lays out dmz, app and data subnets in every zone, none assigning public IPs", () => {
        const subnets = ofType(ha, "aws:ec2/subnet:Subnet");
        assert.equal(subnets.length, ZONES.length * TIERS.length);
        const plan = planSubnets("10.30.0.0/16", ZONES);
        for (const zone of plan) {
            for (const tier of TIERS) {
                const subnet = named(ha, `ha-${tier}-${zone.suffix}`);
                assert.equal(input(subnet, "availabilityZone"), zone.zone);
                assert.equal(input(subnet, "cidrBlock"), zone.cidrs[tier]);
                assert.equal(input(subnet, "mapPublicIpOnLaunch"), false);
                assert.equal(input(subnet, "tags").Tier, tier);
            }
        }
    });

    it("places NAT gateways only in DMZ subnets: one per zone, or one in all", () => {
        const haNats = ofType(ha, "aws:ec2/natGateway:NatGateway");
        assert.equal(haNats.length, 3);
        assert.deepEqual(haNats.map((n) => tierOf(ha, input(n, "subnetId"))), ["dmz", "dmz", "dmz"]);
        const smallNats = ofType(small, "aws:ec2/natGateway:NatGateway");
        assert.equal(smallNats.length, 1);
        assert.equal(tierOf(small, input(smallNats[0], "subnetId")), "dmz");
    });

    it("routes only the DMZ to the internet gateway and the app tier to NAT; the data tier has no route out", () => {
        const routes = ofType(ha, "aws:ec2/route:Route");
        const associations = ofType(ha, "aws:ec2/routeTableAssociation:RouteTableAssociation");
        const tiersOfTable = (tableId: unknown) => associations
            .filter((a) => input(a, "routeTableId") === tableId)
            .map((a) => tierOf(ha, input(a, "subnetId")));

        for (const route of routes) {
            const tiers = new Set(tiersOfTable(input(route, "routeTableId")));
            assert.equal(tiers.size, 1, "a route table serves one tier");
            const [tier] = [...tiers];
            if (input(route, "gatewayId") !== undefined) {
                assert.equal(tier, "dmz");
                assert.equal(byId(ha, input(route, "gatewayId")).type, "aws:ec2/internetGateway:InternetGateway");
            } else {
                assert.equal(tier, "app");
                assert.equal(byId(ha, input(route, "natGatewayId")).type, "aws:ec2/natGateway:NatGateway");
            }
            assert.notEqual(tier, "data");
        }
        const dataTables = new Set(associations.filter((a) => tierOf(ha, input(a, "subnetId")) === "data").map((a) => input(a, "routeTableId")));
        assert.equal(dataTables.size, 1);
        assert.ok(!routes.some((r) => dataTables.has(input(r, "routeTableId"))), "no route in the data tier's table");
        // Every subnet is associated explicitly: nothing falls back to the main route table.
        assert.equal(associations.length, ofType(ha, "aws:ec2/subnet:Subnet").length);
    });

    it("sends each app zone through the NAT gateway of the same zone when NAT is per zone", () => {
        for (const suffix of ["a", "b", "c"]) {
            const route = named(ha, `ha-app-${suffix}-egress`);
            const nat = byId(ha, input(route, "natGatewayId"));
            assert.equal(nat.name, `ha-nat-${suffix}`);
        }
    });

    it("takes over the default security group, network ACL and route table and leaves them empty", () => {
        const [group] = ofType(ha, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        assert.equal(input(group, "ingress"), undefined);
        assert.equal(input(group, "egress"), undefined);
        const [acl] = ofType(ha, "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl");
        assert.equal(input(acl, "ingress"), undefined);
        assert.equal(input(acl, "egress"), undefined);
        const [table] = ofType(ha, "aws:ec2/defaultRouteTable:DefaultRouteTable");
        assert.equal(input(table, "routes"), undefined);
        const [vpc] = ofType(ha, "aws:ec2/vpc:Vpc");
        assert.equal(input(group, "vpcId"), vpc.id);
    });

    it("gives every tier its own network ACL, none admitting SSH or RDP from the internet", () => {
        const acls = ofType(ha, "aws:ec2/networkAcl:NetworkAcl");
        assert.equal(acls.length, 3);
        for (const acl of acls) {
            const subnetTiers = new Set((input(acl, "subnetIds") as string[]).map((id) => tierOf(ha, id)));
            assert.deepEqual([...subnetTiers], [input(acl, "tags").Tier]);
            for (const rule of input(acl, "ingress") as { cidrBlock: string; protocol: string; fromPort: number; toPort: number }[]) {
                if (rule.cidrBlock === "0.0.0.0/0") {
                    assert.equal(rule.protocol, "tcp");
                    for (const port of [22, 3389]) {
                        assert.ok(port < rule.fromPort || port > rule.toPort, `${input(acl, "tags").Tier} admits port ${port} from the internet`);
                    }
                }
            }
        }
        assert.deepEqual(EPHEMERAL_INBOUND_FROM_INTERNET, [[1024, 3388], [3390, 65535]]);
    });

    it("admits the Kubernetes API's private ranges outside the VPC into the app tier on 443 and lets the replies out", () => {
        const appAcl = named(ha, "ha-app-acl");
        const vpn = (direction: string) => (input(appAcl, direction) as { cidrBlock: string; protocol: string; fromPort: number; toPort: number }[])
            .filter((r) => r.cidrBlock === "172.16.0.0/16")
            .map(({ protocol, fromPort, toPort }) => [protocol, fromPort, toPort]);
        assert.deepEqual(vpn("ingress"), [["tcp", 443, 443]]);
        assert.deepEqual(vpn("egress"), [["tcp", 1024, 65535]]);
        for (const tier of ["dmz", "data"]) {
            const acl = named(ha, `ha-${tier}-acl`);
            assert.ok(![...input(acl, "ingress"), ...input(acl, "egress")].some((r: { cidrBlock: string }) => r.cidrBlock === "172.16.0.0/16"), tier);
        }
        const smallApp = named(small, "small-app-acl");
        assert.ok(!input(smallApp, "ingress").some((r: { fromPort: number; cidrBlock: string }) => r.fromPort === 443 && r.cidrBlock !== "0.0.0.0/0" && !r.cidrBlock.startsWith("10.10.")), "no range, no rule");
    });

    it("admits nothing from the DMZ into the data tier", () => {
        const dataAcl = named(ha, "ha-data-acl");
        const dmzCidrs = planSubnets("10.30.0.0/16", ZONES).map((z) => z.cidrs.dmz);
        for (const rule of input(dataAcl, "ingress") as { cidrBlock: string }[]) {
            assert.ok(!dmzCidrs.includes(rule.cidrBlock));
        }
    });

    it("reaches AWS APIs privately: S3 through a gateway endpoint on app and data tables, the rest through interface endpoints in the data tier", () => {
        const endpoints = ofType(ha, "aws:ec2/vpcEndpoint:VpcEndpoint");
        const s3 = endpoints.find((e) => input(e, "vpcEndpointType") === "Gateway")!;
        assert.equal(input(s3, "serviceName"), "com.amazonaws.eu-west-1.s3");
        const associations = ofType(ha, "aws:ec2/routeTableAssociation:RouteTableAssociation");
        const tablesTiers = (input(s3, "routeTableIds") as string[]).map((id) => tierOf(ha, input(associations.find((a) => input(a, "routeTableId") === id)!, "subnetId")));
        assert.deepEqual([...new Set(tablesTiers)].sort(), ["app", "data"]);

        const interfaces = endpoints.filter((e) => input(e, "vpcEndpointType") === "Interface");
        // The EKS API, which a deploy runner in the VPC calls (docs.aws.amazon.com/eks/latest/userguide/private-clusters.html).
        assert.ok(interfaces.some((e) => input(e, "serviceName") === "com.amazonaws.eu-west-1.eks"), "no eks endpoint");
        assert.deepEqual(interfaces.map((e) => input(e, "serviceName")).sort(), DEFAULT_INTERFACE_ENDPOINTS.map((s) => `com.amazonaws.eu-west-1.${s}`).sort());
        const [group] = ofType(ha, "aws:ec2/securityGroup:SecurityGroup");
        for (const endpoint of interfaces) {
            assert.equal(input(endpoint, "privateDnsEnabled"), true);
            assert.deepEqual((input(endpoint, "subnetIds") as string[]).map((id) => tierOf(ha, id)), ["data", "data", "data"]);
            assert.deepEqual(input(endpoint, "securityGroupIds"), [group.id]);
        }
        const rules = ofType(ha, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        assert.equal(rules.length, 1);
        assert.deepEqual(
            [input(rules[0], "ipProtocol"), input(rules[0], "fromPort"), input(rules[0], "toPort"), input(rules[0], "cidrIpv4")],
            ["tcp", 443, 443, "10.30.0.0/16"],
        );
        assert.equal(input(group, "egress"), undefined, "endpoints never initiate connections");
    });

    it("logs all traffic into a KMS-encrypted log group with retention, through a role scoped to that group", () => {
        const [flowLog] = ofType(ha, "aws:ec2/flowLog:FlowLog");
        const [vpc] = ofType(ha, "aws:ec2/vpc:Vpc");
        const [group] = ofType(ha, "aws:cloudwatch/logGroup:LogGroup");
        assert.equal(input(flowLog, "vpcId"), vpc.id);
        assert.equal(input(flowLog, "trafficType"), "ALL");
        assert.equal(input(flowLog, "logDestinationType"), "cloud-watch-logs");
        assert.equal(input(flowLog, "logDestination"), plain(group.outputs).arn);
        assert.equal(input(group, "kmsKeyId"), "arn:aws:kms:eu-west-1:123456789012:key/logs");
        assert.equal(input(group, "retentionInDays"), 365);
        assert.equal(group.protect, true, "protect reaches the audit log group");

        const role = byId(ha, plain(flowLog.inputs).iamRoleArn.split("/").pop());
        const trust = JSON.parse(input(role, "assumeRolePolicy"));
        assert.equal(trust.Statement[0].Principal.Service, "vpc-flow-logs.amazonaws.com");
        assert.equal(trust.Statement[0].Condition.StringEquals["aws:SourceAccount"], "123456789012");
        const [policy] = ofType(ha, "aws:iam/rolePolicy:RolePolicy");
        const permissions = JSON.parse(input(policy, "policy"));
        assert.deepEqual(permissions.Statement[0].Resource, [plain(group.outputs).arn, `${plain(group.outputs).arn}:*`]);
        assert.ok(!JSON.stringify(permissions).includes("\"*\""), "no wildcard resource");
    });

    it("parents every resource to the component", () => {
        const direct = all.filter((r) => r.parent === named(all, "ha").urn);
        assert.ok(direct.length > 20);
        // Nothing a network declares escapes its component: every resource typed under Network is a descendant.
        assert.equal(all.filter((r) => r.urn.includes("secure-platform:aws:Network$")).length, ha.length + small.length);
    });
});

describe("validateNetworkArgs", () => {
    const context = { region: "eu-west-1" } as NetworkArgs["context"];
    it("rejects a malformed CIDR, naming the option", () => {
        assert.throws(() => validateNetworkArgs(networkArgs({ context, cidrBlock: "10.0.0/16" })), /Network: cidrBlock "10.0.0\/16" is not an IPv4 CIDR/);
    });
    it("rejects a VPC too small for three tiers", () => {
        assert.throws(() => validateNetworkArgs(networkArgs({ context, cidrBlock: "10.0.0.0/24" })), /cidrBlock \/24 is too small/);
    });
    it("rejects API client ranges that are not CIDRs, or too many for an ACL, naming the option", () => {
        assert.throws(() => validateNetworkArgs(networkArgs({ context, kubernetesApiClients: ["172.16.0.0"] })), /Network: kubernetesApiClients \["172.16.0.0"\] are not IPv4 CIDRs/);
        const many = Array.from({ length: 12 }, (_, i) => `172.${16 + i}.0.0/16`);
        assert.throws(() => validateNetworkArgs(networkArgs({ context, kubernetesApiClients: many })), /Network: the app tier's network ACL would need \d+ ingress rules; AWS allows 20/);
    });
    it("rejects zones of another region and duplicates", () => {
        assert.throws(() => validateNetworkArgs(networkArgs({ context, availabilityZones: ["us-east-1a"] })), /not in region eu-west-1/);
        assert.throws(() => validateNetworkArgs(networkArgs({ context, availabilityZones: ["eu-west-1a", "eu-west-1a"] })), /1 to 3 distinct zones/);
    });
});

describe("defaultInterfaceEndpoints", () => {
    it("includes the EKS API endpoint where AWS PrivateLink offers it", () => {
        assert.ok(DEFAULT_INTERFACE_ENDPOINTS.includes("eks"));
        assert.ok(defaultInterfaceEndpoints("eu-west-1").includes("eks"));
    });
    it("leaves it out in regions without PrivateLink for the EKS API, where creating it would fail", () => {
        assert.ok(!defaultInterfaceEndpoints("mx-central-1").includes("eks"));
        assert.ok(defaultInterfaceEndpoints("mx-central-1").includes("eks-auth"));
    });
});
