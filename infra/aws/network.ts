import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NatGatewayMode } from "../settings/network";
import { parseCidr } from "../lib/cidr";
import { AwsContext } from "./aws-context";
import { planNetworkAcls, planSubnets, Tier, TIERS, ZoneSubnets } from "./network-plan";
import { VpcEndpoints } from "./vpc-endpoints";
import { VpcFlowLogs } from "./vpc-flow-logs";

export interface NetworkArgs {
    readonly context: AwsContext;
    /** The VPC's IPv4 range (validated by the stack config: RFC 1918, /16 to /22). */
    readonly cidrBlock: string;
    /** One to three zones of `context.region`; subnets follow list positions. */
    readonly availabilityZones: readonly string[];
    /** @default "perAz" */
    readonly natGateways?: NatGatewayMode;
    /** Flow log destination: name, KMS key and retention of the log group (FSBP EC2.6, CloudWatch.16). */
    readonly flowLogs: {
        readonly logGroupName: string;
        readonly kmsKeyArn: pulumi.Input<string>;
        readonly retentionInDays: number;
    };
    /**
     * Private ranges outside the VPC that reach the Kubernetes API (`privateAccessCidrs`): the app tier's ACL,
     * where the control plane's network interfaces sit, admits TCP 443 from them and lets the replies out.
     * @default []
     */
    readonly kubernetesApiClients?: readonly string[];
    /** Interface endpoint services. @default vpc-endpoints defaultInterfaceEndpoints(region) */
    readonly interfaceEndpoints?: readonly string[];
    /** Protect stateful children (the flow log group) from `pulumi destroy`. @default false */
    readonly protect?: boolean;
}

/** Checks the arguments before any resource exists. */
export function validateNetworkArgs(args: NetworkArgs): void {
    const parsed = parseCidr(args.cidrBlock);
    if (!parsed.ok) {
        throw new Error(`Network: cidrBlock ${parsed.reason}`);
    }
    if (parsed.cidr.prefix > 22) {
        throw new Error(`Network: cidrBlock /${parsed.cidr.prefix} is too small for three tiers; use /16 to /22`);
    }
    const zones = args.availabilityZones;
    if (zones.length < 1 || zones.length > 3 || new Set(zones).size !== zones.length) {
        throw new Error(`Network: availabilityZones must list 1 to 3 distinct zones, got ${JSON.stringify(zones)}`);
    }
    const foreign = zones.filter((zone) => !zone.startsWith(args.context.region));
    if (foreign.length > 0) {
        throw new Error(`Network: availabilityZones ${JSON.stringify(foreign)} are not in region ${args.context.region}`);
    }
    const badClients = (args.kubernetesApiClients ?? []).filter((cidr) => !parseCidr(cidr).ok);
    if (badClients.length > 0) {
        throw new Error(`Network: kubernetesApiClients ${JSON.stringify(badClients)} are not IPv4 CIDRs like 172.16.0.0/16`);
    }
    try {
        planNetworkAcls(planSubnets(args.cidrBlock, zones), { vpcCidr: args.cidrBlock, kubernetesApiClients: args.kubernetesApiClients ?? [] });
    } catch (error) {
        throw new Error(`Network: ${error instanceof Error ? error.message : String(error)}`);
    }
}

/**
 * A VPC with three tiers of subnets per zone: `dmz` (public, load balancer and NAT only, no public
 * IPs on launch), `app` (private, egress through NAT) and `data` (isolated: no route to an internet
 * or NAT gateway). The default security group, network ACL and route table are taken over and emptied;
 * each tier has its own network ACL; AWS APIs are reached through VPC endpoints; all traffic is logged.
 */
export class Network extends pulumi.ComponentResource {
    readonly vpc: aws.ec2.Vpc;
    readonly plan: readonly ZoneSubnets[];
    /** Subnets by tier, in zone order. */
    readonly subnets: Readonly<Record<Tier, readonly aws.ec2.Subnet[]>>;
    readonly natGateways: readonly aws.ec2.NatGateway[];
    readonly endpoints: VpcEndpoints;
    readonly flowLogs: VpcFlowLogs;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        validateNetworkArgs(args);
        super("secure-platform:aws:Network", name, {}, opts);
        const parent = { parent: this };
        const natMode = args.natGateways ?? "perAz";
        this.plan = planSubnets(args.cidrBlock, args.availabilityZones);

        this.vpc = new aws.ec2.Vpc(`${name}-vpc`, {
            cidrBlock: args.cidrBlock,
            enableDnsSupport: true,
            enableDnsHostnames: true,
            tags: { Name: `${name}-vpc` },
        }, parent);
        const vpcId = this.vpc.id;

        // Take over the defaults AWS creates with every VPC and leave them empty: nothing can be
        // launched into an open default security group (FSBP EC2.2) or fall back to the main route table.
        new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId, tags: { Name: `${name}-default-deny` } }, parent);
        new aws.ec2.DefaultNetworkAcl(`${name}-default-acl`, {
            defaultNetworkAclId: this.vpc.defaultNetworkAclId,
            tags: { Name: `${name}-default-deny` },
        }, parent);
        new aws.ec2.DefaultRouteTable(`${name}-default-rt`, {
            defaultRouteTableId: this.vpc.defaultRouteTableId,
            tags: { Name: `${name}-default-local-only` },
        }, parent);

        const subnets: Record<Tier, aws.ec2.Subnet[]> = { dmz: [], app: [], data: [] };
        for (const zone of this.plan) {
            for (const tier of TIERS) {
                subnets[tier].push(new aws.ec2.Subnet(`${name}-${tier}-${zone.suffix}`, {
                    vpcId,
                    availabilityZone: zone.zone,
                    cidrBlock: zone.cidrs[tier],
                    mapPublicIpOnLaunch: false,
                    tags: { Name: `${name}-${tier}-${zone.suffix}`, Tier: tier },
                }, parent));
            }
        }
        this.subnets = subnets;

        // DMZ: the only tier with a route to the internet gateway.
        const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId, tags: { Name: `${name}-igw` } }, parent);
        const dmzRoutes = new aws.ec2.RouteTable(`${name}-dmz-rt`, { vpcId, tags: { Name: `${name}-dmz`, Tier: "dmz" } }, parent);
        new aws.ec2.Route(`${name}-dmz-internet`, { routeTableId: dmzRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, parent);
        this.plan.forEach((zone, i) => new aws.ec2.RouteTableAssociation(`${name}-dmz-${zone.suffix}`, {
            subnetId: subnets.dmz[i].id,
            routeTableId: dmzRoutes.id,
        }, parent));

        const natZones = natMode === "perAz" ? this.plan : this.plan.slice(0, 1);
        this.natGateways = natZones.map((zone) => {
            const eip = new aws.ec2.Eip(`${name}-nat-${zone.suffix}`, { domain: "vpc", tags: { Name: `${name}-nat-${zone.suffix}` } }, parent);
            return new aws.ec2.NatGateway(`${name}-nat-${zone.suffix}`, {
                allocationId: eip.id,
                subnetId: subnets.dmz[this.plan.indexOf(zone)].id,
                connectivityType: "public",
                tags: { Name: `${name}-nat-${zone.suffix}` },
            }, { parent: this, dependsOn: [igw] });
        });

        // App: egress to the internet only through the zone's NAT gateway (or the single one).
        const appRouteTables = this.plan.map((zone, i) => {
            const table = new aws.ec2.RouteTable(`${name}-app-${zone.suffix}-rt`, { vpcId, tags: { Name: `${name}-app-${zone.suffix}`, Tier: "app" } }, parent);
            const nat = this.natGateways[natMode === "perAz" ? i : 0];
            new aws.ec2.Route(`${name}-app-${zone.suffix}-egress`, { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, parent);
            new aws.ec2.RouteTableAssociation(`${name}-app-${zone.suffix}`, { subnetId: subnets.app[i].id, routeTableId: table.id }, parent);
            return table;
        });

        // Data: local routes and the S3 gateway endpoint only.
        const dataRoutes = new aws.ec2.RouteTable(`${name}-data-rt`, { vpcId, tags: { Name: `${name}-data`, Tier: "data" } }, parent);
        this.plan.forEach((zone, i) => new aws.ec2.RouteTableAssociation(`${name}-data-${zone.suffix}`, {
            subnetId: subnets.data[i].id,
            routeTableId: dataRoutes.id,
        }, parent));

        const acls = planNetworkAcls(this.plan, { vpcCidr: args.cidrBlock, kubernetesApiClients: args.kubernetesApiClients ?? [] });
        for (const tier of TIERS) {
            new aws.ec2.NetworkAcl(`${name}-${tier}-acl`, {
                vpcId,
                subnetIds: subnets[tier].map((s) => s.id),
                ingress: [...acls[tier].ingress],
                egress: [...acls[tier].egress],
                tags: { Name: `${name}-${tier}`, Tier: tier },
            }, parent);
        }

        this.endpoints = new VpcEndpoints(`${name}-endpoints`, {
            vpcId,
            region: args.context.region,
            vpcCidr: args.cidrBlock,
            subnetIds: subnets.data.map((s) => s.id),
            gatewayRouteTableIds: [...appRouteTables.map((t) => t.id), dataRoutes.id],
            interfaceServices: args.interfaceEndpoints,
        }, parent);

        this.flowLogs = new VpcFlowLogs(`${name}-flow-logs`, {
            vpcId,
            context: args.context,
            logGroupName: args.flowLogs.logGroupName,
            kmsKeyArn: args.flowLogs.kmsKeyArn,
            retentionInDays: args.flowLogs.retentionInDays,
            protect: args.protect,
        }, parent);

        this.registerOutputs({
            vpcId,
            dmzSubnetIds: subnets.dmz.map((s) => s.id),
            appSubnetIds: subnets.app.map((s) => s.id),
            dataSubnetIds: subnets.data.map((s) => s.id),
        });
    }
}

