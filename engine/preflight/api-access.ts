/**
 * API access: whether each network the stack means to reach the Kubernetes API from
 * (`secure-platform:privateAccessCidrs`) actually gets through to the EKS cluster's private endpoint.
 *
 * The private endpoint is answered by network interfaces EKS places in the cluster's `vpcConfig.subnetIds`,
 * with the cluster's security groups attached
 * (docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html, "Private access";
 * docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html). A connection from a client needs:
 * - `endpointPrivateAccess` on;
 * - a security group rule admitting tcp/443 from the client (stateful: replies pass);
 * - the network ACL of the interface's subnet admitting tcp/443 in from the client and the replies out to
 *   the client's ephemeral ports (stateless, first matching rule by number wins, `*` denies the rest;
 *   docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html "Ephemeral ports"). Clients' ports are
 *   judged on 32768-65535 (Linux 32768–60999, Windows 49152–65535): a drop there fails connections outright.
 * Addresses of a range inside the VPC can only be the VPC's subnets, and a client in the interface's own
 * subnet crosses no ACL; a range outside the VPC (VPN, peered networks, CI runners) is judged in full.
 */
import { AddressSet, cidrSet, formatSet, intersect, isEmpty, NO_ADDRESSES, subtract, union } from "./address-set";
import { PreflightCheck, PreflightFinding } from "./finding";
import { AclDrop, evaluateAcl, NetworkAclModel, NetworkModel, securityGroupsAdmit, SecurityGroupModel, TCP } from "./network-model";
import { isUnknown, Plain, PreflightStack } from "./stack";

export const API_ACCESS_CHECK = "api-access";

const CLIENT_EPHEMERAL = TCP(32768, 65535);

function describeDrop(drop: AclDrop): string {
    return drop.rule.ruleNo === "*" ? "rule * (the implicit deny: no rule allows it)" : `rule ${drop.rule.ruleNo} (${drop.rule.action})`;
}

/** The networks in `privateAccessCidrs` the cluster's network would refuse, as findings. */
export function apiAccessFindings(stack: PreflightStack, privateAccessCidrs?: readonly string[]): PreflightFinding[] {
    const cidrs = privateAccessCidrs ?? (stack.config?.platform === "aws" ? stack.config.cluster.privateAccessCidrs : []);
    const clusters = stack.ofType("aws:eks/cluster:Cluster");
    if (cidrs.length === 0 || clusters.length === 0) {
        return [];
    }
    const model = NetworkModel.of(stack);
    const findings: PreflightFinding[] = [];
    for (const cluster of clusters) {
        const inputs = stack.inputs(cluster);
        const vpcConfig = (inputs.vpcConfig ?? {}) as Plain;
        const clusterName = typeof inputs.name === "string" ? inputs.name : cluster.name;
        const subnetIds = ((vpcConfig.subnetIds ?? []) as unknown[]).filter((s): s is string => typeof s === "string" && !isUnknown(s));
        const sgIds = ((vpcConfig.securityGroupIds ?? []) as unknown[]).filter((s): s is string => typeof s === "string" && !isUnknown(s));
        if (vpcConfig.endpointPrivateAccess !== true) {
            findings.push({
                check: API_ACCESS_CHECK,
                urn: cluster.urn,
                path: "vpcConfig.endpointPrivateAccess",
                refusedBy: "AWS EKS (endpoint access)",
                message: `EKS cluster ${clusterName} has no private endpoint, so ${cidrs.join(", ")} (secure-platform:privateAccessCidrs) cannot reach its API privately: the endpoint's name resolves to public addresses only`,
                fix: "set vpcConfig.endpointPrivateAccess: true (infra/aws/eks-cluster.ts)",
            });
            continue;
        }
        const subnets = subnetIds.map((id) => model.subnets.get(id)).filter((s) => s !== undefined);
        const vpcId = subnets[0]?.vpcId;
        const vpcRange = vpcId ? model.vpcCidrs.get(vpcId) ?? NO_ADDRESSES : NO_ADDRESSES;
        const inVpc = model.subnetAddresses(vpcId);
        const groups = sgIds.map((id) => model.securityGroups.get(id)).filter((g): g is SecurityGroupModel => g !== undefined);
        const admitted = securityGroupsAdmit(groups, "ingress", TCP(443));
        for (const cidr of cidrs) {
            const range = cidrSet(cidr);
            if (!range) {
                continue;
            }
            // Inside the VPC only its subnets hold interfaces that could connect; outside, the whole range.
            const sources: AddressSet = union(subtract(range, vpcRange), intersect(range, inVpc));
            if (isEmpty(sources)) {
                continue;
            }
            let reaching = sources;
            if (groups.length === sgIds.length && !admitted.uncertain) {
                const refused = subtract(sources, admitted.addresses);
                if (!isEmpty(refused)) {
                    findings.push({
                        check: API_ACCESS_CHECK,
                        urn: groups[0]?.resource?.urn ?? cluster.urn,
                        path: "ingress",
                        refusedBy: "AWS VPC security group",
                        message: `EKS cluster ${clusterName}: no rule of its security group${groups.length > 1 ? "s" : ""} ${groups.map((g) => g.resource?.name ?? g.id).join(", ")} admits tcp/443 from ${formatSet(refused)} (of ${cidr} in secure-platform:privateAccessCidrs): connections to the private API endpoint from there time out`,
                        fix: `admit tcp/443 from ${cidr} in the cluster security group (EksCluster creates one rule per privateAccessCidrs entry), or remove the range from secure-platform:privateAccessCidrs`,
                    });
                    reaching = intersect(sources, admitted.addresses);
                }
            }
            const seen = new Set<string>();
            for (const subnet of subnets) {
                const acl: NetworkAclModel | undefined = model.aclOf(subnet.id);
                const clients = subtract(reaching, subnet.addresses);
                if (!acl || acl.uncertain || isEmpty(clients)) {
                    continue;
                }
                for (const [direction, flow, what] of [["ingress", TCP(443), "inbound tcp/443 from"], ["egress", CLIENT_EPHEMERAL, "outbound replies on tcp/32768-65535 to"]] as const) {
                    for (const drop of evaluateAcl(acl, direction, flow, clients).drops) {
                        const key = `${acl.id}\0${direction}\0${drop.rule.ruleNo}\0${JSON.stringify(drop.addresses)}`;
                        if (seen.has(key)) {
                            continue;
                        }
                        seen.add(key);
                        const onSubnets = subnets.filter((s) => model.aclOf(s.id) === acl).map((s) => s.resource.name).join(", ");
                        findings.push({
                            check: API_ACCESS_CHECK,
                            urn: acl.resource.urn,
                            path: drop.rule.ruleNo === "*" ? direction : `${direction}[ruleNo=${drop.rule.ruleNo}]`,
                            refusedBy: "AWS VPC network ACL",
                            message: `EKS cluster ${clusterName}: ${cidr} (secure-platform:privateAccessCidrs) is admitted by the cluster security group, but network ACL ${acl.resource.name} (${acl.id}) on the control plane's subnets (${onSubnets}) drops ${what} ${formatSet(drop.addresses)}${drop.fromPort !== flow.fromPort || drop.toPort !== flow.toPort ? ` (ports ${drop.fromPort}-${drop.toPort})` : ""} by ${describeDrop(drop)}: kubectl and pulumi from there time out`,
                            fix: `add ${direction === "ingress" ? `an inbound rule allowing tcp/443 from ${cidr}` : `an outbound rule allowing tcp/1024-65535 to ${cidr}`} to ${acl.resource.name}, numbered before ${drop.rule.ruleNo === "*" ? "the implicit deny" : `rule ${drop.rule.ruleNo}`} (the app tier's rules are planned in infra/aws/network-plan.ts planNetworkAcls), or remove ${cidr} from secure-platform:privateAccessCidrs`,
                        });
                    }
                }
            }
        }
    }
    return findings;
}

export const apiAccessCheck: PreflightCheck<PreflightStack> = {
    name: API_ACCESS_CHECK,
    description: "Every range in privateAccessCidrs reaches the EKS private API endpoint: private access on, admitted by the cluster security group, and passed both ways by the network ACLs of the control plane's subnets.",
    run: (stack) => apiAccessFindings(stack),
};
