/**
 * Ingress rules of a security group, whichever way a program declares them: inline `ingress` on
 * aws.ec2.SecurityGroup, aws.ec2.SecurityGroupRule of type ingress, or aws.vpc.SecurityGroupIngressRule.
 */
import type { Props } from "./rule";
import { isAnywhere, list } from "./values";

export const INGRESS_RULE_TYPES = [
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/securityGroupRule:SecurityGroupRule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
] as const;

export interface IngressFromAnywhere {
    readonly source: string;
    readonly protocol: string;
    readonly fromPort: number;
    readonly toPort: number;
}

/** The ingress entries of `props` (a resource of one of INGRESS_RULE_TYPES) open to 0.0.0.0/0 or ::/0. */
export function ingressFromAnywhere(type: string, props: Props): IngressFromAnywhere[] {
    const found: IngressFromAnywhere[] = [];
    const add = (protocol: unknown, fromPort: unknown, toPort: unknown, sources: unknown[]) => {
        const all = String(protocol) === "-1" || String(protocol).toLowerCase() === "all";
        for (const source of sources.filter(isAnywhere)) {
            found.push({
                source: String(source),
                protocol: all ? "all" : String(protocol),
                fromPort: all ? 0 : Number(fromPort ?? 0),
                toPort: all ? 65535 : Number(toPort ?? fromPort ?? 65535),
            });
        }
    };
    if (type === "aws:ec2/securityGroup:SecurityGroup") {
        for (const rule of list(props.ingress)) {
            add(rule.protocol, rule.fromPort, rule.toPort, [...list(rule.cidrBlocks), ...list(rule.ipv6CidrBlocks)]);
        }
    } else if (type === "aws:ec2/securityGroupRule:SecurityGroupRule") {
        if (props.type === "ingress") {
            add(props.protocol, props.fromPort, props.toPort, [...list(props.cidrBlocks), ...list(props.ipv6CidrBlocks)]);
        }
    } else {
        add(props.ipProtocol, props.fromPort, props.toPort, [props.cidrIpv4, props.cidrIpv6]);
    }
    return found;
}

/** Whether a TCP/UDP/all entry covers `port`. */
export function covers(entry: IngressFromAnywhere, port: number): boolean {
    const protocol = entry.protocol.toLowerCase();
    const portful = ["all", "tcp", "udp", "6", "17"].includes(protocol);
    return portful && entry.fromPort <= port && port <= entry.toPort;
}

export function describeEntry(entry: IngressFromAnywhere): string {
    const ports = entry.protocol === "all" ? "all traffic" : entry.fromPort === entry.toPort ? `${entry.protocol} ${entry.fromPort}` : `${entry.protocol} ${entry.fromPort}-${entry.toPort}`;
    return `${ports} from ${entry.source}`;
}
