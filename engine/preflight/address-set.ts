/**
 * Sets of IPv4 addresses as sorted, disjoint, inclusive ranges, so a CIDR can be split by the rules that
 * match parts of it (a network ACL rule for 10.0.0.0/18 inside a /16, the VPC's subnets inside a range).
 */
import { formatCidr, formatIpv4, parseCidr } from "../../infra/lib/cidr";

export type AddressSet = readonly (readonly [number, number])[];

export const NO_ADDRESSES: AddressSet = [];
export const ALL_ADDRESSES: AddressSet = [[0, 0xffffffff]];

/** The addresses of an IPv4 CIDR ("10.0.0.0/16"), or undefined when the text is not one. */
export function cidrSet(text: unknown): AddressSet | undefined {
    if (typeof text !== "string") {
        return undefined;
    }
    const parsed = parseCidr(text);
    if (!parsed.ok) {
        return undefined;
    }
    const size = 2 ** (32 - parsed.cidr.prefix);
    return [[parsed.cidr.network, parsed.cidr.network + size - 1]];
}

function normalise(ranges: (readonly [number, number])[]): AddressSet {
    const sorted = ranges.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
    const result: [number, number][] = [];
    for (const [start, end] of sorted) {
        const last = result[result.length - 1];
        if (last && start <= last[1] + 1) {
            last[1] = Math.max(last[1], end);
        } else {
            result.push([start, end]);
        }
    }
    return result;
}

export function union(...sets: AddressSet[]): AddressSet {
    return normalise(sets.flatMap((s) => s.map(([a, b]) => [a, b] as const)));
}

export function intersect(a: AddressSet, b: AddressSet): AddressSet {
    const result: [number, number][] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
        const start = Math.max(a[i][0], b[j][0]);
        const end = Math.min(a[i][1], b[j][1]);
        if (start <= end) {
            result.push([start, end]);
        }
        if (a[i][1] < b[j][1]) {
            i++;
        } else {
            j++;
        }
    }
    return result;
}

export function subtract(a: AddressSet, b: AddressSet): AddressSet {
    let result: [number, number][] = a.map(([x, y]) => [x, y]);
    for (const [bs, be] of b) {
        result = result.flatMap(([s, e]): [number, number][] => {
            if (be < s || bs > e) {
                return [[s, e]];
            }
            const parts: [number, number][] = [];
            if (bs > s) {
                parts.push([s, bs - 1]);
            }
            if (be < e) {
                parts.push([be + 1, e]);
            }
            return parts;
        });
    }
    return result;
}

export function isEmpty(set: AddressSet): boolean {
    return set.length === 0;
}

/** The set as the fewest CIDRs that cover it exactly, for messages ("10.10.128.0/17"). */
export function formatSet(set: AddressSet): string {
    const cidrs: string[] = [];
    for (const [start, end] of set) {
        let cursor = start;
        while (cursor <= end) {
            let prefix = 32;
            while (prefix > 0) {
                const size = 2 ** (33 - prefix);
                if (cursor % size !== 0 || cursor + size - 1 > end) {
                    break;
                }
                prefix--;
            }
            cidrs.push(formatCidr({ network: cursor, prefix }));
            cursor += 2 ** (32 - prefix);
        }
    }
    return cidrs.length > 4 ? `${cidrs.slice(0, 4).join(", ")} and ${cidrs.length - 4} more ranges (${formatIpv4(set[0][0])} to ${formatIpv4(set[set.length - 1][1])})` : cidrs.join(", ");
}
