/**
 * The address plan and the network ACL rules of the tiered VPC. Pure functions: the Network
 * component turns this plan into resources, and tests read it without rendering anything.
 */
import { formatCidr, mustParseCidr, subnetAt } from "../lib/cidr";

export const TIERS = ["dmz", "app", "data"] as const;
/**
 * `dmz`: public, only the load balancer and NAT gateways. `app`: private, egress through NAT.
 * `data`: isolated, no route to the internet at all.
 */
export type Tier = (typeof TIERS)[number];

export interface ZoneSubnets {
    readonly zone: string;
    /** The zone's letter ("a"), used in resource names so names follow zones, not list positions. */
    readonly suffix: string;
    readonly cidrs: Readonly<Record<Tier, string>>;
}

/**
 * Splits the VPC range: each zone's `app` subnet takes a quarter (nodes and pods draw their IPs from
 * it); `dmz` and `data` subnets take 1/32 each from the last quarter. Zones keep their position, so a
 * third zone added to a two-zone VPC does not move the first two.
 */
export function planSubnets(vpcCidr: string, zones: readonly string[]): ZoneSubnets[] {
    const vpc = mustParseCidr(vpcCidr);
    if (zones.length > 3) {
        throw new RangeError(`the address plan holds at most 3 zones, got ${zones.length}`);
    }
    return zones.map((zone, index) => ({
        zone,
        suffix: zone.slice(-1),
        cidrs: {
            app: formatCidr(subnetAt(vpc, vpc.prefix + 2, index)),
            dmz: formatCidr(subnetAt(vpc, vpc.prefix + 5, 24 + index)),
            data: formatCidr(subnetAt(vpc, vpc.prefix + 5, 28 + index)),
        },
    }));
}

export interface AclRule {
    readonly ruleNo: number;
    /** "-1" for all protocols, "tcp". */
    readonly protocol: "-1" | "tcp";
    readonly action: "allow";
    readonly cidrBlock: string;
    readonly fromPort: number;
    readonly toPort: number;
}

export interface TierAcl {
    readonly ingress: readonly AclRule[];
    readonly egress: readonly AclRule[];
}

export const ANYWHERE = "0.0.0.0/0";

/**
 * Return traffic from the internet arrives on ephemeral ports. The ranges skip 3389 (and 22 is below
 * them) so no ACL admits SSH or RDP from the internet (FSBP EC2.21).
 */
export const EPHEMERAL_PORT_RANGES: readonly (readonly [number, number])[] = [[1024, 3388], [3390, 65535]];

function allFrom(base: number, cidrs: readonly string[]): AclRule[] {
    return cidrs.map((cidrBlock, i) => ({ ruleNo: base + i * 10, protocol: "-1", action: "allow", cidrBlock, fromPort: 0, toPort: 0 }));
}

function tcp(ruleNo: number, cidrBlock: string, fromPort: number, toPort = fromPort): AclRule {
    return { ruleNo, protocol: "tcp", action: "allow", cidrBlock, fromPort, toPort };
}

function ephemeralFromAnywhere(base: number): AclRule[] {
    return EPHEMERAL_PORT_RANGES.map(([from, to], i) => tcp(base + i * 10, ANYWHERE, from, to));
}

/**
 * Stateless rules per tier; everything not listed is denied. Internet traffic is limited by route
 * tables as well: only `dmz` routes to the internet gateway, only `app` routes to NAT, and `data`
 * reaches S3 through the gateway endpoint alone (which needs HTTPS to S3's public addresses).
 */
export function planNetworkAcls(subnets: readonly ZoneSubnets[]): Record<Tier, TierAcl> {
    const cidrsOf = (tier: Tier) => subnets.map((s) => s.cidrs[tier]);
    const [dmz, app, data] = [cidrsOf("dmz"), cidrsOf("app"), cidrsOf("data")];
    return {
        dmz: {
            // Clients reach the load balancer on 443 (and 80, which only redirects); NAT return traffic.
            ingress: [tcp(100, ANYWHERE, 443), tcp(110, ANYWHERE, 80), ...ephemeralFromAnywhere(120), ...allFrom(200, app)],
            // HTTPS out through NAT; replies to clients; forwarding to the gateway nodes in `app`.
            egress: [tcp(100, ANYWHERE, 443), ...ephemeralFromAnywhere(120), ...allFrom(200, app)],
        },
        app: {
            ingress: [...allFrom(100, dmz), ...allFrom(200, app), ...allFrom(300, data), ...ephemeralFromAnywhere(400)],
            egress: [...allFrom(100, dmz), ...allFrom(200, app), ...allFrom(300, data), tcp(400, ANYWHERE, 443)],
        },
        data: {
            // Nothing from the DMZ: the data tier talks to the app tier and to itself only.
            ingress: [...allFrom(100, app), ...allFrom(200, data), ...ephemeralFromAnywhere(400)],
            egress: [...allFrom(100, app), ...allFrom(200, data), tcp(400, ANYWHERE, 443)],
        },
    };
}
