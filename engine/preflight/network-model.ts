/**
 * The rendered VPC as packets see it: subnets, the route table each uses, the network ACL each is in,
 * security groups with every rule (inline and standalone), and VPC endpoints. Built once per stack and
 * shared by the checks that ask "does this traffic get through" (image-sources, api-access).
 *
 * Semantics modelled (Amazon VPC User Guide):
 * - A subnet without an explicit route table association uses the VPC's main route table
 *   (https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html).
 * - A subnet without an explicit network ACL association is in the VPC's default network ACL; a
 *   `DefaultNetworkAcl` resource replaces its rules (none listed: everything denied), otherwise AWS's default
 *   allows everything. Network ACLs are stateless, rules are evaluated lowest number first and the first match
 *   wins, and a final `*` rule denies what nothing matched; traffic between two addresses of the same subnet
 *   does not cross its ACL (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html).
 * - Security groups are stateful and allow-only: a flow is admitted when any rule of any group attached to the
 *   interface admits it (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html).
 * Values a preview cannot know yet make the affected answer "unknown": checks never report those.
 */
import type { RecordedResource } from "../program";
import { containsUnknown } from "../wire";
import { AddressSet, ALL_ADDRESSES, cidrSet, intersect, isEmpty, NO_ADDRESSES, subtract, union } from "./address-set";
import { Plain, PreflightStack } from "./stack";

export interface SubnetModel {
    readonly resource: RecordedResource;
    readonly id: string;
    readonly vpcId?: string;
    readonly cidr?: string;
    readonly addresses: AddressSet;
    /** The subnet's `Tier` tag, when it has one. */
    readonly tier?: string;
}

export type RouteTarget = "internet-gateway" | "nat-gateway" | "vpc-endpoint" | "local" | "other" | "unknown";

export interface RouteModel {
    /** Destination addresses; undefined for a prefix-list destination. */
    readonly destination?: AddressSet;
    readonly prefixListId?: string;
    readonly target: RouteTarget;
    readonly targetId?: string;
    readonly resource: RecordedResource;
}

export interface RouteTableModel {
    readonly id: string;
    readonly resource?: RecordedResource;
    readonly routes: readonly RouteModel[];
    /** Gateway endpoints (S3, DynamoDB) whose routes this table carries. */
    readonly gatewayEndpoints: readonly VpcEndpointModel[];
}

export interface AclRuleModel {
    /** The rule number, or "*" for the implicit deny that ends every list. */
    readonly ruleNo: number | "*";
    readonly action: "allow" | "deny";
    /** "-1" (all), "6" (tcp), "17" (udp), "1" (icmp) ... */
    readonly protocol: string;
    readonly addresses: AddressSet;
    readonly fromPort: number;
    readonly toPort: number;
    /** Where the rule is declared, for findings. */
    readonly declaredBy: RecordedResource;
}

export interface NetworkAclModel {
    readonly id: string;
    readonly resource: RecordedResource;
    /** Rules in evaluation order, ending with the implicit deny. */
    readonly ingress: readonly AclRuleModel[];
    readonly egress: readonly AclRuleModel[];
    /** A rule a preview cannot read yet: nothing can be concluded from this ACL. */
    readonly uncertain: boolean;
}

export interface SecurityGroupRuleModel {
    readonly resource: RecordedResource;
    readonly protocol: string;
    readonly fromPort: number;
    readonly toPort: number;
    readonly addresses: AddressSet;
    /** A source/destination group instead of addresses. */
    readonly groupIds: readonly string[];
    /** A prefix list (AWS service ranges): its addresses are not in the stack. */
    readonly prefixListIds: readonly string[];
    readonly uncertain: boolean;
}

export interface SecurityGroupModel {
    readonly id: string;
    readonly resource?: RecordedResource;
    readonly vpcId?: string;
    readonly ingress: SecurityGroupRuleModel[];
    readonly egress: SecurityGroupRuleModel[];
}

export interface VpcEndpointModel {
    readonly resource: RecordedResource;
    readonly id: string;
    readonly vpcId?: string;
    /** The service name after `com.amazonaws.<region>.`, e.g. `ecr.dkr`, `s3`. */
    readonly service: string;
    /** The region in the service name. */
    readonly region?: string;
    readonly type: "Interface" | "Gateway" | "other";
    readonly privateDns: boolean;
    readonly subnetIds: readonly string[];
    readonly securityGroupIds: readonly string[];
    readonly routeTableIds: string[];
}

/** One protocol and port range, the shape of a flow through ACLs and security groups. */
export interface Flow {
    /** IANA number as a string: "6" for tcp. */
    readonly protocol: string;
    readonly fromPort: number;
    readonly toPort: number;
}

export const TCP = (fromPort: number, toPort = fromPort): Flow => ({ protocol: "6", fromPort, toPort });

/** The part of a flow a network ACL drops, and the rule that drops it. */
export interface AclDrop {
    readonly rule: AclRuleModel;
    readonly addresses: AddressSet;
    readonly fromPort: number;
    readonly toPort: number;
}

const SERVICE_REGION = /^(?:com|cn\.com)\.amazonaws\.([a-z0-9-]+)\./;

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { all: "-1", "-1": "-1", tcp: "6", "6": "6", udp: "17", "17": "17", icmp: "1", "1": "1" };

function protocolNumber(value: unknown): string {
    return PROTOCOL_NUMBERS[String(value).toLowerCase()] ?? String(value);
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function routeTarget(route: Plain): { target: RouteTarget; targetId?: string } {
    const pick = (key: string): string | undefined => (typeof route[key] === "string" ? route[key] : undefined);
    if (containsUnknown(route)) {
        return { target: "unknown" };
    }
    const gateway = pick("gatewayId");
    if (gateway === "local") {
        return { target: "local" };
    }
    if (gateway?.startsWith("vpce-") || pick("vpcEndpointId")) {
        return { target: "vpc-endpoint", targetId: gateway ?? pick("vpcEndpointId") };
    }
    if (gateway) {
        return { target: "internet-gateway", targetId: gateway };
    }
    if (pick("natGatewayId")) {
        return { target: "nat-gateway", targetId: pick("natGatewayId") };
    }
    // Transit gateways, peering, appliances (ENIs), egress-only gateways: where they lead is outside the stack.
    return { target: "other" };
}

function aclRules(list: unknown, declaredBy: RecordedResource): { rules: AclRuleModel[]; uncertain: boolean } {
    let uncertain = false;
    const rules: AclRuleModel[] = [];
    for (const rule of Array.isArray(list) ? (list as Plain[]) : []) {
        if (containsUnknown(rule)) {
            uncertain = true;
            continue;
        }
        if (typeof rule.ipv6CidrBlock === "string" && !rule.cidrBlock) {
            continue; // IPv6 only: the platform's flows are IPv4
        }
        rules.push({
            ruleNo: Number(rule.ruleNo ?? rule.ruleNumber),
            action: String(rule.action ?? rule.ruleAction).toLowerCase() === "deny" ? "deny" : "allow",
            protocol: protocolNumber(rule.protocol),
            addresses: cidrSet(rule.cidrBlock) ?? NO_ADDRESSES,
            fromPort: Number(rule.fromPort ?? 0),
            toPort: Number(rule.toPort ?? 65535),
            declaredBy,
        });
    }
    return { rules, uncertain };
}

function implicitDeny(declaredBy: RecordedResource): AclRuleModel {
    return { ruleNo: "*", action: "deny", protocol: "-1", addresses: ALL_ADDRESSES, fromPort: 0, toPort: 65535, declaredBy };
}

function ruleMatchesPorts(rule: AclRuleModel | SecurityGroupRuleModel, from: number, to: number): "all" | "some" | "none" {
    if (rule.protocol === "-1" || !["6", "17"].includes(rule.protocol)) {
        return rule.protocol === "-1" ? "all" : "none";
    }
    if (rule.fromPort <= from && rule.toPort >= to) {
        return "all";
    }
    return rule.toPort < from || rule.fromPort > to ? "none" : "some";
}

/**
 * What a network ACL does with a flow to or from `remote` (inbound: from it; outbound: to it): the addresses
 * it lets through for the whole port range, and each part a rule drops. Port ranges are split at every rule
 * boundary, so a rule that covers only some ports is judged on those ports.
 */
export function evaluateAcl(acl: NetworkAclModel, direction: "ingress" | "egress", flow: Flow, remote: AddressSet): { allowed: AddressSet; drops: AclDrop[] } {
    const rules = acl[direction];
    const cuts = new Set<number>([flow.fromPort, flow.toPort + 1]);
    for (const rule of rules) {
        if (rule.protocol === flow.protocol) {
            for (const edge of [rule.fromPort, rule.toPort + 1]) {
                if (edge > flow.fromPort && edge <= flow.toPort) {
                    cuts.add(edge);
                }
            }
        }
    }
    const edges = [...cuts].sort((a, b) => a - b);
    let allowedEverywhere: AddressSet = remote;
    const drops: AclDrop[] = [];
    for (let i = 0; i + 1 < edges.length; i++) {
        const [from, to] = [edges[i], edges[i + 1] - 1];
        let pending = remote;
        let allowed: AddressSet = NO_ADDRESSES;
        for (const rule of rules) {
            if (isEmpty(pending)) {
                break;
            }
            if (rule.protocol !== "-1" && rule.protocol !== flow.protocol) {
                continue;
            }
            if (rule.protocol !== "-1" && ruleMatchesPorts(rule, from, to) !== "all") {
                continue;
            }
            const matched = intersect(pending, rule.addresses);
            if (isEmpty(matched)) {
                continue;
            }
            pending = subtract(pending, matched);
            if (rule.action === "allow") {
                allowed = union(allowed, matched);
            } else {
                drops.push({ rule, addresses: matched, fromPort: from, toPort: to });
            }
        }
        allowedEverywhere = intersect(allowedEverywhere, allowed);
    }
    return { allowed: allowedEverywhere, drops: mergeDrops(drops) };
}

/** One drop per rule and address set, with the port ranges it covers joined. */
function mergeDrops(drops: AclDrop[]): AclDrop[] {
    const merged: AclDrop[] = [];
    for (const drop of drops) {
        const same = merged.find((d) => d.rule === drop.rule && JSON.stringify(d.addresses) === JSON.stringify(drop.addresses) && d.toPort + 1 === drop.fromPort);
        if (same) {
            merged[merged.indexOf(same)] = { ...same, toPort: drop.toPort };
        } else {
            merged.push(drop);
        }
    }
    return merged;
}

/**
 * The remote addresses security groups admit for a flow (inbound: sources; outbound: destinations), across
 * every rule of every group; `peerGroups` are groups the remote side is in (for rules that name a group).
 * `uncertain` when a rule a preview cannot read could have admitted more.
 */
export function securityGroupsAdmit(groups: readonly SecurityGroupModel[], direction: "ingress" | "egress", flow: Flow, peerGroups: readonly string[] = []): { addresses: AddressSet; viaGroup: boolean; viaPrefixList: boolean; uncertain: boolean } {
    let addresses: AddressSet = NO_ADDRESSES;
    let viaGroup = false;
    let viaPrefixList = false;
    let uncertain = false;
    for (const group of groups) {
        for (const rule of group[direction]) {
            if (rule.uncertain) {
                uncertain = true;
                continue;
            }
            if (rule.protocol !== "-1" && (rule.protocol !== flow.protocol || ruleMatchesPorts(rule, flow.fromPort, flow.toPort) !== "all")) {
                continue;
            }
            addresses = union(addresses, rule.addresses);
            viaGroup ||= rule.groupIds.some((id) => peerGroups.includes(id));
            viaPrefixList ||= rule.prefixListIds.length > 0;
        }
    }
    return { addresses, viaGroup, viaPrefixList, uncertain };
}

export class NetworkModel {
    readonly subnets = new Map<string, SubnetModel>();
    readonly routeTables = new Map<string, RouteTableModel>();
    readonly acls = new Map<string, NetworkAclModel>();
    readonly securityGroups = new Map<string, SecurityGroupModel>();
    readonly endpoints: VpcEndpointModel[] = [];
    /** VPC id → its CIDR blocks. */
    readonly vpcCidrs = new Map<string, AddressSet>();
    private readonly routeTableOfSubnet = new Map<string, string>();
    private readonly mainRouteTable = new Map<string, string>();
    private readonly aclOfSubnet = new Map<string, string>();
    private readonly defaultAcl = new Map<string, string>();

    constructor(private readonly stack: PreflightStack) {
        const byType = (type: string) => stack.ofType(type);
        for (const vpc of byType("aws:ec2/vpc:Vpc")) {
            const inputs = stack.inputs(vpc);
            if (vpc.id) {
                this.vpcCidrs.set(vpc.id, cidrSet(inputs.cidrBlock) ?? NO_ADDRESSES);
                const mainTable = vpc.outputs.mainRouteTableId ?? vpc.outputs.defaultRouteTableId;
                if (typeof mainTable === "string") {
                    this.mainRouteTable.set(vpc.id, mainTable);
                }
                if (typeof vpc.outputs.defaultNetworkAclId === "string") {
                    this.defaultAcl.set(vpc.id, vpc.outputs.defaultNetworkAclId);
                }
            }
        }
        for (const extra of byType("aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation")) {
            const inputs = stack.inputs(extra);
            const set = cidrSet(inputs.cidrBlock);
            if (set && typeof inputs.vpcId === "string") {
                this.vpcCidrs.set(inputs.vpcId, union(this.vpcCidrs.get(inputs.vpcId) ?? NO_ADDRESSES, set));
            }
        }
        for (const subnet of byType("aws:ec2/subnet:Subnet")) {
            const inputs = stack.inputs(subnet);
            if (!subnet.id) {
                continue;
            }
            this.subnets.set(subnet.id, {
                resource: subnet,
                id: subnet.id,
                ...(typeof inputs.vpcId === "string" ? { vpcId: inputs.vpcId } : {}),
                ...(typeof inputs.cidrBlock === "string" ? { cidr: inputs.cidrBlock } : {}),
                addresses: cidrSet(inputs.cidrBlock) ?? NO_ADDRESSES,
                ...(typeof inputs.tags?.Tier === "string" ? { tier: inputs.tags.Tier } : {}),
            });
        }
        this.readEndpoints();
        this.readRouteTables();
        this.readAcls();
        this.readSecurityGroups();
    }

    /** The model of a stack, built once and shared by every check. */
    static of(stack: PreflightStack): NetworkModel {
        let model = MODELS.get(stack);
        if (!model) {
            model = new NetworkModel(stack);
            MODELS.set(stack, model);
        }
        return model;
    }

    private readEndpoints(): void {
        for (const endpoint of this.stack.ofType("aws:ec2/vpcEndpoint:VpcEndpoint")) {
            const inputs = this.stack.inputs(endpoint);
            const serviceName = String(inputs.serviceName ?? "");
            const type = String(inputs.vpcEndpointType ?? "Gateway");
            this.endpoints.push({
                resource: endpoint,
                id: endpoint.id ?? endpoint.urn,
                ...(typeof inputs.vpcId === "string" ? { vpcId: inputs.vpcId } : {}),
                service: serviceName.replace(/^(com|cn\.com)\.amazonaws\.[a-z0-9-]+\./, ""),
                ...(SERVICE_REGION.exec(serviceName) ? { region: SERVICE_REGION.exec(serviceName)![1] } : {}),
                type: type === "Interface" || type === "Gateway" ? type : "other",
                // The provider's default is false (unlike the EC2 API's): without private DNS the service's
                // public name keeps resolving to public addresses.
                privateDns: inputs.privateDnsEnabled === true,
                subnetIds: strings(inputs.subnetIds),
                securityGroupIds: strings(inputs.securityGroupIds),
                routeTableIds: strings(inputs.routeTableIds),
            });
        }
        for (const association of this.stack.ofType("aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation")) {
            const inputs = this.stack.inputs(association);
            const endpoint = this.endpoints.find((e) => e.id === inputs.vpcEndpointId);
            if (endpoint && typeof inputs.routeTableId === "string") {
                endpoint.routeTableIds.push(inputs.routeTableId);
            }
        }
    }

    private readRouteTables(): void {
        const tables = new Map<string, { resource?: RecordedResource; routes: RouteModel[] }>();
        const table = (id: string) => {
            let found = tables.get(id);
            if (!found) {
                found = { routes: [] };
                tables.set(id, found);
            }
            return found;
        };
        const addRoute = (tableId: string, route: Plain, resource: RecordedResource) => {
            const destination = route.destinationCidrBlock ?? route.cidrBlock;
            if (destination === undefined && route.destinationPrefixListId === undefined) {
                return; // IPv6 routes
            }
            table(tableId).routes.push({
                ...(destination !== undefined ? { destination: cidrSet(destination) ?? NO_ADDRESSES } : {}),
                ...(typeof route.destinationPrefixListId === "string" ? { prefixListId: route.destinationPrefixListId } : {}),
                ...routeTarget(route),
                resource,
            });
        };
        for (const type of ["aws:ec2/routeTable:RouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable"]) {
            for (const resource of this.stack.ofType(type)) {
                const inputs = this.stack.inputs(resource);
                const id = resource.id ?? (typeof inputs.defaultRouteTableId === "string" ? inputs.defaultRouteTableId : undefined);
                if (!id) {
                    continue;
                }
                table(id).resource = resource;
                for (const route of Array.isArray(inputs.routes) ? (inputs.routes as Plain[]) : []) {
                    addRoute(id, route, resource);
                }
            }
        }
        for (const route of this.stack.ofType("aws:ec2/route:Route")) {
            const inputs = this.stack.inputs(route);
            if (typeof inputs.routeTableId === "string") {
                addRoute(inputs.routeTableId, inputs, route);
            }
        }
        for (const association of this.stack.ofType("aws:ec2/routeTableAssociation:RouteTableAssociation")) {
            const inputs = this.stack.inputs(association);
            if (typeof inputs.subnetId === "string" && typeof inputs.routeTableId === "string") {
                this.routeTableOfSubnet.set(inputs.subnetId, inputs.routeTableId);
            }
        }
        for (const main of this.stack.ofType("aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation")) {
            const inputs = this.stack.inputs(main);
            if (typeof inputs.vpcId === "string" && typeof inputs.routeTableId === "string") {
                this.mainRouteTable.set(inputs.vpcId, inputs.routeTableId);
            }
        }
        for (const [id, found] of tables) {
            this.routeTables.set(id, {
                id,
                ...(found.resource ? { resource: found.resource } : {}),
                routes: found.routes,
                gatewayEndpoints: this.endpoints.filter((e) => e.type === "Gateway" && e.routeTableIds.includes(id)),
            });
        }
    }

    private readAcls(): void {
        const make = (resource: RecordedResource, id: string) => {
            const inputs = this.stack.inputs(resource);
            const ingress = aclRules(inputs.ingress, resource);
            const egress = aclRules(inputs.egress, resource);
            return { id, resource, ingress: ingress.rules, egress: egress.rules, uncertain: ingress.uncertain || egress.uncertain };
        };
        const drafts = new Map<string, { id: string; resource: RecordedResource; ingress: AclRuleModel[]; egress: AclRuleModel[]; uncertain: boolean }>();
        for (const acl of this.stack.ofType("aws:ec2/networkAcl:NetworkAcl")) {
            if (acl.id) {
                drafts.set(acl.id, make(acl, acl.id));
                for (const subnetId of strings(this.stack.inputs(acl).subnetIds)) {
                    this.aclOfSubnet.set(subnetId, acl.id);
                }
            }
        }
        for (const acl of this.stack.ofType("aws:ec2/defaultNetworkAcl:DefaultNetworkAcl")) {
            const inputs = this.stack.inputs(acl);
            const id = typeof inputs.defaultNetworkAclId === "string" ? inputs.defaultNetworkAclId : acl.id;
            if (id) {
                drafts.set(id, make(acl, id));
                for (const subnetId of strings(inputs.subnetIds)) {
                    this.aclOfSubnet.set(subnetId, id);
                }
            }
        }
        for (const rule of this.stack.ofType("aws:ec2/networkAclRule:NetworkAclRule")) {
            const inputs = this.stack.inputs(rule);
            const draft = typeof inputs.networkAclId === "string" ? drafts.get(inputs.networkAclId) : undefined;
            if (!draft) {
                continue;
            }
            const parsed = aclRules([inputs], rule);
            draft.uncertain ||= parsed.uncertain;
            draft[inputs.egress === true ? "egress" : "ingress"].push(...parsed.rules);
        }
        for (const association of this.stack.ofType("aws:ec2/networkAclAssociation:NetworkAclAssociation")) {
            const inputs = this.stack.inputs(association);
            if (typeof inputs.subnetId === "string" && typeof inputs.networkAclId === "string") {
                this.aclOfSubnet.set(inputs.subnetId, inputs.networkAclId);
            }
        }
        for (const draft of drafts.values()) {
            const order = (a: AclRuleModel, b: AclRuleModel) => Number(a.ruleNo) - Number(b.ruleNo);
            this.acls.set(draft.id, {
                ...draft,
                ingress: [...draft.ingress.sort(order), implicitDeny(draft.resource)],
                egress: [...draft.egress.sort(order), implicitDeny(draft.resource)],
            });
        }
    }

    private readSecurityGroups(): void {
        const group = (id: string): SecurityGroupModel => {
            let found = this.securityGroups.get(id);
            if (!found) {
                found = { id, ingress: [], egress: [] };
                this.securityGroups.set(id, found);
            }
            return found;
        };
        const rule = (resource: RecordedResource, selfId: string, r: Plain): SecurityGroupRuleModel => ({
            resource,
            protocol: protocolNumber(r.protocol ?? r.ipProtocol),
            fromPort: Number(r.fromPort ?? 0),
            toPort: Number(r.toPort ?? 65535),
            addresses: union(...[...strings(r.cidrBlocks), ...(typeof r.cidrIpv4 === "string" ? [r.cidrIpv4] : [])].map((c) => cidrSet(c) ?? NO_ADDRESSES)),
            groupIds: [...strings(r.securityGroups), ...[r.referencedSecurityGroupId, r.sourceSecurityGroupId].filter((g): g is string => typeof g === "string"), ...(r.self === true ? [selfId] : [])],
            prefixListIds: [...strings(r.prefixListIds), ...(typeof r.prefixListId === "string" ? [r.prefixListId] : [])],
            uncertain: containsUnknown(r),
        });
        for (const sg of this.stack.ofType("aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")) {
            if (!sg.id) {
                continue;
            }
            const inputs = this.stack.inputs(sg);
            const model = group(sg.id);
            Object.assign(model, { resource: sg, ...(typeof inputs.vpcId === "string" ? { vpcId: inputs.vpcId } : {}) });
            for (const direction of ["ingress", "egress"] as const) {
                for (const r of Array.isArray(inputs[direction]) ? (inputs[direction] as Plain[]) : []) {
                    model[direction].push(rule(sg, sg.id, r));
                }
            }
        }
        for (const [type, direction] of [["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ingress"], ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "egress"]] as const) {
            for (const r of this.stack.ofType(type)) {
                const inputs = this.stack.inputs(r);
                if (typeof inputs.securityGroupId === "string") {
                    group(inputs.securityGroupId)[direction].push(rule(r, inputs.securityGroupId, inputs));
                }
            }
        }
        for (const r of this.stack.ofType("aws:ec2/securityGroupRule:SecurityGroupRule")) {
            const inputs = this.stack.inputs(r);
            if (typeof inputs.securityGroupId === "string") {
                group(inputs.securityGroupId)[inputs.type === "egress" ? "egress" : "ingress"].push(rule(r, inputs.securityGroupId, inputs));
            }
        }
    }

    /** The route table a subnet uses: its explicit association, else its VPC's main table. */
    routeTableOf(subnetId: string): RouteTableModel | undefined {
        const explicit = this.routeTableOfSubnet.get(subnetId);
        const vpcId = this.subnets.get(subnetId)?.vpcId;
        const id = explicit ?? (vpcId ? this.mainRouteTable.get(vpcId) : undefined);
        if (!id) {
            return undefined;
        }
        // A main table the stack never manages has only its local route.
        return this.routeTables.get(id) ?? { id, routes: [], gatewayEndpoints: this.endpoints.filter((e) => e.type === "Gateway" && e.routeTableIds.includes(id)) };
    }

    /** The network ACL a subnet is in; undefined means AWS's default ACL, which allows everything. */
    aclOf(subnetId: string): NetworkAclModel | undefined {
        const explicit = this.aclOfSubnet.get(subnetId);
        const vpcId = this.subnets.get(subnetId)?.vpcId;
        const id = explicit ?? (vpcId ? this.defaultAcl.get(vpcId) : undefined);
        return id ? this.acls.get(id) : undefined;
    }

    /**
     * Whether a subnet has a route towards addresses outside the VPC other than through an endpoint: "no"
     * (isolated: only the VPC and its endpoints), "yes" (an internet or NAT gateway), "unknown" (a transit
     * gateway, peering or appliance the stack cannot see past, or a value a preview does not know).
     */
    outsideReach(subnetId: string): "yes" | "no" | "unknown" {
        const table = this.routeTableOf(subnetId);
        if (!table) {
            return "unknown";
        }
        const vpcId = this.subnets.get(subnetId)?.vpcId;
        const local = vpcId ? this.vpcCidrs.get(vpcId) ?? NO_ADDRESSES : NO_ADDRESSES;
        let result: "yes" | "no" | "unknown" = "no";
        for (const route of table.routes) {
            if (route.target === "vpc-endpoint" || route.target === "local") {
                continue;
            }
            const outside = route.destination ? subtract(route.destination, local) : ALL_ADDRESSES;
            if (isEmpty(outside)) {
                continue;
            }
            if (route.target === "internet-gateway" || route.target === "nat-gateway") {
                return "yes";
            }
            result = "unknown";
        }
        return result;
    }

    /** Addresses that can be the source of traffic inside a VPC: its subnets (nothing else has an interface). */
    subnetAddresses(vpcId: string | undefined): AddressSet {
        return union(...[...this.subnets.values()].filter((s) => s.vpcId === vpcId).map((s) => s.addresses));
    }
}

const MODELS = new WeakMap<PreflightStack, NetworkModel>();
