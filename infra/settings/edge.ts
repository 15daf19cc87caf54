/** Settings of the DMZ edge: the load balancer's certificate and TLS policy, and the WAF rate limit. */
import { ConfigReader, SettingDoc } from "../lib/config-reader";

/**
 * TLS policies the HTTPS listener may use: exactly the list Security Hub accepts for FSBP ELB.17 (not
 * customizable there). The default is AWS's recommendation: TLS 1.3 and 1.2 with hybrid post-quantum key
 * exchange.
 */
export const ALLOWED_TLS_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
] as const;
export type TlsPolicy = (typeof ALLOWED_TLS_POLICIES)[number];
export const DEFAULT_TLS_POLICY: TlsPolicy = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";

export const WAF_RATE_LIMIT_RANGE = { min: 100, max: 2_000_000_000 } as const;

export interface EdgeSettings {
    /** ACM certificate for the HTTPS listener, in the stack's region. */
    readonly certificateArn?: string;
    /** Public name of the platform; with `hostedZoneId`, a certificate is requested and validated through Route 53. */
    readonly domainName?: string;
    readonly hostedZoneId?: string;
    /** @default DEFAULT_TLS_POLICY */
    readonly tlsPolicy: TlsPolicy;
    /** Requests per client IP per 5 minutes before WAF blocks it. @default 2000 */
    readonly wafRateLimit: number;
}

export const EDGE_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    certificateArn: { summary: "ACM certificate ARN (same region) for the HTTPS listener; it must cover domainName and every tenant host (e.g. with *.<domainName>).", default: "(or domainName + hostedZoneId)" },
    domainName: { summary: "Public DNS name of the platform: the gateway routes it to the platform namespace only, and tenants' hosts default to <tenant>.<domainName>; with hostedZoneId a DNS-validated ACM certificate is requested for it and *.<domainName>. Without it the gateway routes no host to the platform.", default: "(or certificateArn)" },
    hostedZoneId: { summary: "Route 53 hosted zone that validates the requested certificate.", default: "(with domainName)" },
    tlsPolicy: { summary: "ELB TLS policy of the HTTPS listener, one ELB.17 accepts.", default: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09" },
    wafRateLimit: { summary: `Requests per client IP per 5 minutes before WAF blocks it (${WAF_RATE_LIMIT_RANGE.min} or more).`, default: "2000" },
};

export const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function readEdge(reader: ConfigReader, region: string | undefined): Partial<EdgeSettings> {
    const certificateArn = reader.matching("certificateArn", /^arn:aws(-cn|-us-gov)?:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)");
    if (certificateArn && region && certificateArn.split(":")[3] !== region) {
        reader.problem("certificateArn", `the certificate is in ${certificateArn.split(":")[3]}; a load balancer in ${region} needs a certificate from ${region}`);
    }
    const domainName = reader.matching("domainName", DOMAIN, "a lower-case DNS name like app.example.com");
    const hostedZoneId = reader.matching("hostedZoneId", /^Z[A-Z0-9]{1,32}$/, "a Route 53 hosted zone ID like Z0123456789ABCDEFGHIJ");
    const [hasCertificate, hasDomain, hasZone] = ["certificateArn", "domainName", "hostedZoneId"].map((key) => reader.get(key) !== undefined);
    if (!hasCertificate && !(hasDomain && hasZone)) {
        if (hasDomain !== hasZone) {
            reader.problem(hasDomain ? "hostedZoneId" : "domainName", "missing; domainName and hostedZoneId go together: the certificate is validated with a record in that zone");
        } else {
            reader.problem("certificateArn", "missing; the HTTPS listener needs a certificate: set certificateArn to an ACM certificate, or domainName and hostedZoneId to request one validated through Route 53");
        }
    }
    const wafRateLimit = reader.integerInRange("wafRateLimit", WAF_RATE_LIMIT_RANGE.min, WAF_RATE_LIMIT_RANGE.max, 2000);
    return {
        ...(certificateArn ? { certificateArn } : {}),
        ...(domainName ? { domainName } : {}),
        ...(hostedZoneId ? { hostedZoneId } : {}),
        tlsPolicy: reader.oneOf("tlsPolicy", ALLOWED_TLS_POLICIES, DEFAULT_TLS_POLICY),
        wafRateLimit,
    };
}
