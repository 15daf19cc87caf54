/**
 * The address plan and the network ACL rules of the tiered VPC. Pure functions: the Network
 * component turns this plan into resources, and tests read it without rendering anything.
 */
import { cidrContains, formatCidr, mustParseCidr, subnetAt } from "../lib/cidr";

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
 * Inbound traffic from the internet that is not a new connection arrives on ephemeral ports: replies to
 * the NAT gateways, which use ports 1024 to 65535 (Amazon VPC user guide, "Ephemeral ports":
 * docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html), and to the nodes behind them. A stateless ACL
 * cannot tell a reply from a new connection, so these inbound ranges skip 3389 (and 22 is below them): no
 * ACL admits SSH or RDP from the internet (FSBP EC2.21). The price is that a NAT connection whose source
 * port happens to be 3389 gets no reply and is retried on another port.
 */
export const EPHEMERAL_INBOUND_FROM_INTERNET: readonly (readonly [number, number])[] = [[1024, 3388], [3390, 65535]];

/**
 * Replies leave for the client's ephemeral port, whatever it is: outbound rules have no admin-port
 * concern (EC2.21 judges inbound rules), so they cover the whole range and no client is left without
 * an answer.
 */
export const EPHEMERAL_REPLY_PORTS = [1024, 65535] as const;

/** The port of the Kubernetes API on the control plane's network interfaces. */
export const KUBERNETES_API_PORT = 443;

/**
 * AWS's default quota of rules per network ACL, in each direction (Amazon VPC quotas, "Rules per network
 * ACL": docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-nacls).
 */
export const MAX_ACL_RULES_PER_DIRECTION = 20;

function allFrom(base: number, cidrs: readonly string[]): AclRule[] {
    return cidrs.map((cidrBlock, i) => ({ ruleNo: base + i * 10, protocol: "-1", action: "allow", cidrBlock, fromPort: 0, toPort: 0 }));
}

function tcp(ruleNo: number, cidrBlock: string, fromPort: number, toPort = fromPort): AclRule {
    return { ruleNo, protocol: "tcp", action: "allow", cidrBlock, fromPort, toPort };
}

function ephemeralFromAnywhere(base: number): AclRule[] {
    return EPHEMERAL_INBOUND_FROM_INTERNET.map(([from, to], i) => tcp(base + i * 10, ANYWHERE, from, to));
}

function repliesTo(ruleNo: number, cidrBlock: string): AclRule {
    return tcp(ruleNo, cidrBlock, EPHEMERAL_REPLY_PORTS[0], EPHEMERAL_REPLY_PORTS[1]);
}

export interface NetworkAclOptions {
    /** The VPC's range: clients inside it are admitted by the per-tier rules already. */
    readonly vpcCidr: string;
    /**
     * Private ranges that reach the Kubernetes API (`privateAccessCidrs`: a VPN, a peered network). The
     * control plane's network interfaces sit in the app tier, so its ACL admits TCP 443 from each range
     * outside the VPC and lets the replies out to it. @default []
     */
    readonly kubernetesApiClients?: readonly string[];
}

/** The ranges of `clients` that need rules of their own: those the VPC does not contain. */
export function apiClientsOutsideVpc(vpcCidr: string, clients: readonly string[]): string[] {
    const vpc = mustParseCidr(vpcCidr);
    return clients.filter((cidr) => !cidrContains(vpc, mustParseCidr(cidr)));
}

/**
 * Stateless rules per tier; everything not listed is denied. Internet traffic is limited by route
 * tables as well: only `dmz` routes to the internet gateway, only `app` routes to NAT, and `data`
 * reaches S3 through the gateway endpoint alone (which needs HTTPS to S3's public addresses).
 * Throws when a tier would need more rules than an ACL holds.
 */
export function planNetworkAcls(subnets: readonly ZoneSubnets[], options: NetworkAclOptions): Record<Tier, TierAcl> {
    const cidrsOf = (tier: Tier) => subnets.map((s) => s.cidrs[tier]);
    const [dmz, app, data] = [cidrsOf("dmz"), cidrsOf("app"), cidrsOf("data")];
    const apiClients = apiClientsOutsideVpc(options.vpcCidr, options.kubernetesApiClients ?? []);
    const acls: Record<Tier, TierAcl> = {
        dmz: {
            // Clients reach the load balancer on 443 (and 80, which only redirects); NAT return traffic.
            ingress: [tcp(100, ANYWHERE, 443), tcp(110, ANYWHERE, 80), ...ephemeralFromAnywhere(120), ...allFrom(200, app)],
            // HTTPS out through NAT; replies to clients; forwarding to the gateway nodes in `app`.
            egress: [tcp(100, ANYWHERE, 443), repliesTo(120, ANYWHERE), ...allFrom(200, app)],
        },
        app: {
            ingress: [
                ...allFrom(100, dmz), ...allFrom(200, app), ...allFrom(300, data), ...ephemeralFromAnywhere(400),
                // The Kubernetes API, from the private ranges allowed to reach it, and nothing else from them.
                ...apiClients.map((cidr, i) => tcp(500 + i * 10, cidr, KUBERNETES_API_PORT)),
            ],
            egress: [
                ...allFrom(100, dmz), ...allFrom(200, app), ...allFrom(300, data), tcp(400, ANYWHERE, 443),
                ...apiClients.map((cidr, i) => repliesTo(500 + i * 10, cidr)),
            ],
        },
        data: {
            // Nothing from the DMZ: the data tier talks to the app tier and to itself only.
            ingress: [...allFrom(100, app), ...allFrom(200, data), ...ephemeralFromAnywhere(400)],
            egress: [...allFrom(100, app), ...allFrom(200, data), tcp(400, ANYWHERE, 443)],
        },
    };
    for (const tier of TIERS) {
        for (const direction of ["ingress", "egress"] as const) {
            const count = acls[tier][direction].length;
            if (count > MAX_ACL_RULES_PER_DIRECTION) {
                throw new RangeError(`the ${tier} tier's network ACL would need ${count} ${direction} rules; AWS allows ${MAX_ACL_RULES_PER_DIRECTION} (list fewer privateAccessCidrs outside the VPC)`);
            }
        }
    }
    return acls;
}
