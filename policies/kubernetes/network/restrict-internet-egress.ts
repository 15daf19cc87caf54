/**
 * Egress to the internet that does not go through the egress gateway. Only the egress gateway's pods may leave the
 * cluster: everywhere else a NetworkPolicy that lets pods reach public addresses lets them call out directly, past
 * the gateway's host allow-list, its authorization policy and its access log (Istio security best practices,
 * "Securing egress traffic": the mesh alone cannot force traffic through the gateway; NetworkPolicies must).
 *
 * What counts, decided here:
 * - an ipBlock whose range holds any public address, on any port. Its `except` list does not change that: it
 *   removes addresses, and what remains of a public range is still the internet (0.0.0.0/0 except the private
 *   ranges is exactly "the internet"). Ranges wholly inside private, shared (RFC 6598), link-local or loopback
 *   space are the cluster's, the VPC's or the node's, and pass.
 * - a rule with `ports` and no `to` (every destination on those ports) in a policy that selects every pod of its
 *   namespace: every workload there, the applications included, can reach the internet on those ports. The same
 *   rule for labelled pods passes: it is how a controller reaches the API server or a cloud endpoint through a VPC
 *   endpoint, which carry no pod labels (restrict-network-policy-peers' reason to allow it). A rule with no `to`
 *   and no ports is restrict-network-policy-peers' to report (every destination, cluster included), not this one's.
 */
import { isPatch, qualifiedName, selectsEverything, withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule, type Props } from "../../lib/rule";
import { list } from "../../lib/values";

/** IPv4 ranges that are not the internet: RFC 1918, RFC 6598 shared space, link-local, loopback. */
const NON_INTERNET_V4: readonly (readonly [string, number])[] = [
    ["10.0.0.0", 8], ["172.16.0.0", 12], ["192.168.0.0", 16], ["100.64.0.0", 10], ["169.254.0.0", 16], ["127.0.0.0", 8],
];

function ipv4(address: string): number | undefined {
    const parts = address.split(".");
    if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) {
        return undefined;
    }
    return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

function within(network: number, prefix: number, rangeAddress: string, rangePrefix: number): boolean {
    const block = 2 ** (32 - rangePrefix);
    return prefix >= rangePrefix && Math.floor(network / block) === Math.floor(ipv4(rangeAddress)! / block);
}

/** The first 16 bits of an IPv6 address, or undefined when it is not one. */
function firstHextet(address: string): number | undefined {
    if (!address.includes(":") || !/^[0-9a-fA-F:.]+$/.test(address)) {
        return undefined;
    }
    const first = address.startsWith("::") ? "0" : address.split(":")[0];
    return parseInt(first, 16);
}

/**
 * Whether a CIDR holds any public address: false for a range inside the non-internet ones (IPv6: unique local
 * fc00::/7, link-local fe80::/10, loopback ::1), undefined when it is not a CIDR (the API server refuses it).
 */
export function reachesInternet(cidr: string): boolean | undefined {
    const [address, prefixText] = cidr.split("/");
    const prefix = Number(prefixText);
    if (prefixText === undefined || !/^\d{1,3}$/.test(prefixText)) {
        return undefined;
    }
    const v4 = ipv4(address);
    if (v4 !== undefined) {
        return prefix > 32 ? undefined : !NON_INTERNET_V4.some(([range, rangePrefix]) => within(v4, prefix, range, rangePrefix));
    }
    const hextet = firstHextet(address);
    if (hextet === undefined || prefix > 128) {
        return undefined;
    }
    const uniqueLocal = prefix >= 7 && (hextet & 0xfe00) === 0xfc00;
    const linkLocal = prefix >= 10 && (hextet & 0xffc0) === 0xfe80;
    const loopback = prefix === 128 && /^::0*1$/.test(address);
    return !(uniqueLocal || linkLocal || loopback);
}

function ports(rule: Props): string {
    return list(rule.ports).map((p) => `${p.port ?? "every port"}${p.endPort ? `-${p.endPort}` : ""}/${p.protocol ?? "TCP"}`).join(", ");
}

export default defineResourceRule<{ exemptNamespaces: string[] }>({
    name: "restrict-internet-egress",
    description: "Outside the egress gateway's namespace, NetworkPolicies must not allow egress to the internet: no ipBlock holding public addresses (0.0.0.0/0 or ::/0 with or without `except`, or any public range), and no `ports` without `to` for every pod of a namespace.",
    severity: "high",
    controls: ["Istio BP securing-egress-traffic", "NIST SP 800-53 SC-7"],
    remediation: "Call external hosts through the egress gateway: add the host to the stack's `egress.hosts` with the namespaces that call it (README, \"Allowing an external host\"), which lets those namespaces reach the gateway only. Keep egress ipBlocks to private ranges (the VPC, an on-prem network) and scope a rule with ports but no `to` to the pods that need it (`spec.podSelector`); a namespace whose pods must leave the cluster directly is listed in the rule's exemptNamespaces.",
    config: {
        exemptNamespaces: {
            type: "array",
            items: { type: "string" },
            default: ["kube-system", "istio-egress", "snapscheduler"],
            description: "Namespaces whose pods may leave the cluster directly: the cluster's agents, the egress gateway's, and snapscheduler's (the operator reaches the API server, whose address the program does not know, from a namespace that holds nothing else).",
        },
    },
    resourceTypes: withPatches(["kubernetes:networking.k8s.io/v1:NetworkPolicy"]),
    validate(props, { config, type }, report) {
        const spec = props.spec ?? {};
        const namespace = props.metadata?.namespace;
        if (typeof namespace === "string" && config.exemptNamespaces.includes(namespace)) {
            return;
        }
        // Without policyTypes, a policy applies to Egress when it has egress rules.
        const types = spec.policyTypes === undefined ? (spec.egress !== undefined ? ["Egress"] : []) : list(spec.policyTypes).map(String);
        if (!types.includes("Egress")) {
            return;
        }
        // A patch that leaves podSelector out keeps the object's own: judged only when the patch sets it.
        const everyPod = spec.podSelector === undefined ? !isPatch(type) : selectsEverything(spec.podSelector);
        const policy = () => `NetworkPolicy ${qualifiedName(props)}`;
        list(spec.egress).forEach((rule, index) => {
            const peers = list(rule.to);
            const hasPorts = list(rule.ports).length > 0;
            if (peers.length === 0) {
                if (hasPorts && everyPod) {
                    report(`${policy()} egress rule ${index} allows every destination on ${ports(rule)} (no \`to\`) to every pod of the namespace: its workloads reach the internet directly, past the egress gateway. Expected the destinations in \`to\` (private ranges, pods by namespace and label), the rule scoped to the pods that need it, or the external host in the stack's egress.hosts.`);
                }
                return;
            }
            for (const peer of peers) {
                const cidr = peer.ipBlock?.cidr;
                if (typeof cidr === "string" && reachesInternet(cidr)) {
                    const except = list(peer.ipBlock.except).length > 0 ? ` (except ${list(peer.ipBlock.except).map(String).join(", ")})` : "";
                    report(`${policy()} egress rule ${index} allows ipBlock ${cidr}${except}, public addresses, on ${hasPorts ? ports(rule) : "every port"}: the pods reach the internet directly, past the egress gateway. Expected egress to private ranges only, and the external host in the stack's egress.hosts.`);
                }
            }
        });
    },
});
