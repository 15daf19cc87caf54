/**
 * ServiceEntries that re-open egress the mesh's REGISTRY_ONLY policy closes. A wildcard host admits every
 * name under it (`*.amazonaws.com` is every S3 bucket, anyone's included); an address of prefix length 0
 * every IP; and an entry without `addresses` matches traffic "solely based on the destination port" (istio
 * api ServiceEntry.addresses), so with resolution NONE an opaque TCP port lets a workload reach every
 * address on that port. HTTP and TLS ports match by Host header or SNI instead, and DNS resolution sends
 * the traffic to the entry's own hosts. REGISTRY_ONLY is best effort, not a security boundary (Istio
 * security best practices, "Securing egress traffic"), so this keeps it meaningful rather than sufficient.
 */
import { SERVICE_ENTRY_TYPES } from "../../lib/istio";
import { qualifiedName, strings, withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

/** Protocols an entry matches by name (Host header or SNI) rather than by address and port. */
const NAMED_PROTOCOLS = ["HTTP", "HTTPS", "HTTP2", "GRPC", "GRPC-WEB", "TLS"];

export default defineResourceRule<{ allowedWildcardHosts: string[] }>({
    name: "restrict-service-entry-hosts",
    description: "Istio ServiceEntries must name their hosts and addresses: no wildcard host (unless approved), no 0.0.0.0/0 or ::/0 address, and no opaque TCP port matched on every address (resolution NONE without addresses).",
    severity: "medium",
    controls: ["Istio BP securing-egress-traffic", "NIST SP 800-53 AC-4"],
    remediation: "List each external host the workload calls in `spec.hosts` (e.g. `s3.eu-west-1.amazonaws.com` and the bucket's own host), its `addresses` for opaque TCP, with `resolution: DNS` where the hosts resolve; a wildcard the team approves is listed in the rule's allowedWildcardHosts.",
    config: {
        allowedWildcardHosts: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Wildcard hosts (e.g. `*.googleapis.com`) approved for ServiceEntries.",
        },
    },
    resourceTypes: withPatches(SERVICE_ENTRY_TYPES),
    validate(props, { config }, report) {
        const spec = props.spec ?? {};
        const entry = () => `ServiceEntry ${qualifiedName(props)}`;
        for (const host of strings(spec.hosts).filter((h) => h.startsWith("*") && !config.allowedWildcardHosts.includes(h))) {
            report(`${entry()} admits the wildcard host ${host}: workloads reach every name under it, an attacker's included. Expected the exact hosts called.`);
        }
        const addresses = strings(spec.addresses);
        for (const address of addresses.filter((a) => /\/0$/.test(a))) {
            report(`${entry()} admits the address ${address}, every IP. Expected the destination's own addresses.`);
        }
        if (addresses.length === 0 && (spec.resolution ?? "NONE") === "NONE") {
            for (const port of list(spec.ports).filter((p) => !NAMED_PROTOCOLS.includes(String(p.protocol ?? "TCP").toUpperCase()))) {
                report(`${entry()} has no addresses and resolution NONE, so port ${port.number} (${port.protocol ?? "TCP"}) matches every address. Expected spec.addresses, or resolution DNS.`);
            }
        }
    },
});
