/**
 * Host names the ingress gateway serves: lower-case DNS names, optionally with a wildcard left-most label
 * (`*.acme.example.com`). Pure functions: no Pulumi, no I/O.
 */

/** A lower-case DNS name with at least two labels and an alphabetic top-level label. */
export const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A DNS name, or `*.` followed by one (a wildcard subdomain). A bare `*` is not a host. */
export function isHostPattern(host: string): boolean {
    return DNS_NAME.test(host) || (host.startsWith("*.") && DNS_NAME.test(host.slice(2)));
}

/** `.example.com` for `*.example.com`; undefined for a plain name. */
function wildcardSuffix(host: string): string | undefined {
    return host.startsWith("*.") ? host.slice(1) : undefined;
}

/**
 * Whether two hosts can name the same request the way Istio matches hosts: equal, or one a wildcard whose
 * suffix ends the other (`*.example.com` matches `a.example.com` and `a.b.example.com`, not `example.com`;
 * istio 1.29.0 pkg/config/host/name.go `Matches`). Two namespaces granted overlapping hosts on one gateway
 * would share virtual hosts, and routes of both would be merged into them.
 */
export function hostsOverlap(a: string, b: string): boolean {
    const suffixA = wildcardSuffix(a);
    const suffixB = wildcardSuffix(b);
    return a === b || (suffixA !== undefined && b.endsWith(suffixA)) || (suffixB !== undefined && a.endsWith(suffixB));
}

/** Whether `host` is a plain name exactly one label below `domain` (`acme.example.com` below `example.com`). */
export function isOneLabelBelow(host: string, domain: string): boolean {
    return !host.startsWith("*.") && host.endsWith(`.${domain}`) && !host.slice(0, -domain.length - 1).includes(".");
}

/**
 * Whether a certificate whose DNS subject alternative names are `sans` is valid for `host` as TLS clients
 * check it: the same name, or a wildcard SAN standing for exactly the left-most label of a plain name
 * (RFC 6125 6.4.3). A wildcard host needs the same wildcard SAN.
 */
export function certificateCovers(sans: readonly string[], host: string): boolean {
    return sans.some((san) => san === host
        || (!host.startsWith("*.") && san.startsWith("*.") && host.includes(".") && host.slice(host.indexOf(".")) === san.slice(1)));
}

/**
 * The DNS names a certificate needs to serve `domainName` and every host: the domain itself, one
 * `*.<domainName>` for every host one label below it, and each other host as it is.
 */
export function certificateNames(domainName: string | undefined, hosts: readonly string[]): string[] {
    const names = new Set<string>(domainName ? [domainName] : []);
    for (const host of hosts) {
        names.add(domainName && isOneLabelBelow(host, domainName) ? `*.${domainName}` : host);
    }
    return [...names];
}

/** The DNS names among a certificate's subject alternative names, as Node's `X509Certificate.subjectAltName` lists them. */
export function dnsSubjectAltNames(subjectAltName: string | undefined): string[] {
    return (subjectAltName ?? "").split(", ").filter((entry) => entry.startsWith("DNS:")).map((entry) => entry.slice(4).toLowerCase());
}
