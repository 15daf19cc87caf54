/** IPv4 CIDR arithmetic. Pure functions: no Pulumi, no I/O. */

export interface Ipv4Cidr {
    /** The network address as an unsigned 32-bit integer. */
    readonly network: number;
    readonly prefix: number;
}

const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const CIDR_RE = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}/(3[0-2]|[12]?\\d)$`);

/** Private IPv4 ranges from RFC 1918. */
export const RFC1918_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

export function formatIpv4(value: number): string {
    return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join(".");
}

export function formatCidr(cidr: Ipv4Cidr): string {
    return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

function mask(prefix: number): number {
    return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export type CidrParseResult =
    | { readonly ok: true; readonly cidr: Ipv4Cidr }
    | { readonly ok: false; readonly reason: string };

/**
 * Parses "a.b.c.d/n". Rejects host bits: "10.0.0.1/16" is almost always a typo, and AWS would
 * silently use a different network than the one written.
 */
export function parseCidr(text: string): CidrParseResult {
    const match = CIDR_RE.exec(text.trim());
    if (!match || text.trim() !== text) {
        return { ok: false, reason: `"${text}" is not an IPv4 CIDR (expected a.b.c.d/n, e.g. 10.20.0.0/16)` };
    }
    const address = ((Number(match[1]) << 24) | (Number(match[2]) << 16) | (Number(match[3]) << 8) | Number(match[4])) >>> 0;
    const prefix = Number(match[5]);
    const network = (address & mask(prefix)) >>> 0;
    if (network !== address) {
        return {
            ok: false,
            reason: `"${text}" has host bits set; the network address is ${formatIpv4(network)}/${prefix}`,
        };
    }
    return { ok: true, cidr: { network, prefix } };
}

/** Parses a CIDR that is known to be valid (constants, already-validated config). */
export function mustParseCidr(text: string): Ipv4Cidr {
    const result = parseCidr(text);
    if (!result.ok) {
        throw new Error(result.reason);
    }
    return result.cidr;
}

export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
    return inner.prefix >= outer.prefix && ((inner.network & mask(outer.prefix)) >>> 0) === outer.network;
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
    return cidrContains(a, b) || cidrContains(b, a);
}

/**
 * The `index`-th subnet of `newPrefix` inside `parent` (like Terraform's cidrsubnet with
 * newbits = newPrefix - parent.prefix).
 */
export function subnetAt(parent: Ipv4Cidr, newPrefix: number, index: number): Ipv4Cidr {
    if (newPrefix < parent.prefix || newPrefix > 32) {
        throw new RangeError(`cannot split /${parent.prefix} into /${newPrefix} subnets`);
    }
    const count = 2 ** (newPrefix - parent.prefix);
    if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new RangeError(`subnet index ${index} is outside 0..${count - 1} for /${newPrefix} in ${formatCidr(parent)}`);
    }
    const size = 2 ** (32 - newPrefix);
    return { network: (parent.network + index * size) >>> 0, prefix: newPrefix };
}
