/** Settings of the tiered VPC. */
import { cidrContains, mustParseCidr, parseCidr, RFC1918_RANGES } from "../lib/cidr";
import { ConfigReader, SettingDoc } from "../lib/config-reader";
import type { Environment } from "./platform";

export const VPC_PREFIX_RANGE = { min: 16, max: 22 } as const;
export const NAT_GATEWAY_MODES = ["single", "perAz"] as const;
/** `single`: one NAT gateway for the VPC (cheaper, one AZ). `perAz`: one per AZ (no cross-AZ dependency). */
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];

export interface NetworkSettings {
    /** @default "10.0.0.0/16" */
    readonly vpcCidr: string;
    /** Availability zones, in the order the subnets are laid out. @default the first 2 (dev) or 3 AZs of the region */
    readonly availabilityZones: readonly string[];
    /** @default "single" in dev, "perAz" elsewhere (required in prod) */
    readonly natGateways: NatGatewayMode;
}

export const NETWORK_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    vpcCidr: { summary: `VPC IPv4 range inside RFC 1918, /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}.`, default: "10.0.0.0/16" },
    availabilityZones: { summary: "AZs to spread subnets over (2 or 3 in dev, 3 in staging and prod). Append only: reordering moves subnets.", default: "first 2 (dev) or 3 AZs of aws:region" },
    natGateways: { summary: "single or perAz NAT gateways in the DMZ tier.", default: "single (dev), perAz (staging, prod)" },
};

/** An RFC 1918 range, with the reason when it is not one. */
export function privateCidrProblem(text: string): string | undefined {
    const parsed = parseCidr(text);
    if (!parsed.ok) {
        return parsed.reason;
    }
    return RFC1918_RANGES.some((range) => cidrContains(mustParseCidr(range), parsed.cidr)) ? undefined : `${text} is not private address space`;
}

export function readNetwork(reader: ConfigReader, environment: Environment, region: string | undefined): Partial<NetworkSettings> {
    const natGateways = reader.oneOf("natGateways", NAT_GATEWAY_MODES, environment === "dev" ? "single" : "perAz");
    if (environment === "prod" && natGateways === "single") {
        reader.problem("natGateways", "\"single\" is not allowed in prod; use perAz so one AZ outage cannot cut egress for the others");
    }
    return { vpcCidr: readVpcCidr(reader), availabilityZones: readZones(reader, region, environment), natGateways };
}

function readVpcCidr(reader: ConfigReader): string | undefined {
    const value = reader.get("vpcCidr") ?? "10.0.0.0/16";
    const allowed = `an RFC 1918 range (${RFC1918_RANGES.join(", ")}) with a prefix from /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}`;
    const parsed = parseCidr(value);
    if (!parsed.ok) {
        reader.problem("vpcCidr", `${parsed.reason}; use ${allowed}`);
        return undefined;
    }
    const { prefix } = parsed.cidr;
    if (prefix < VPC_PREFIX_RANGE.min || prefix > VPC_PREFIX_RANGE.max) {
        reader.problem("vpcCidr", `/${prefix} is ${prefix < VPC_PREFIX_RANGE.min ? "larger than AWS allows" : "too small for three tiers of subnets"}; use ${allowed}`);
        return undefined;
    }
    const notPrivate = privateCidrProblem(value);
    if (notPrivate) {
        reader.problem("vpcCidr", `${notPrivate}; use ${allowed}`);
        return undefined;
    }
    return value;
}

function readZones(reader: ConfigReader, region: string | undefined, environment: Environment): string[] | undefined {
    const allowedCounts = environment === "dev" ? [2, 3] : [3];
    const value = reader.structured("availabilityZones");
    if (value === undefined) {
        return region ? ["a", "b", "c"].slice(0, allowedCounts[0]).map((letter) => `${region}${letter}`) : undefined;
    }
    const zones = reader.stringList("availabilityZones", value);
    if (!zones) {
        return undefined;
    }
    let ok = true;
    if (!allowedCounts.includes(zones.length)) {
        reader.problem("availabilityZones", `${zones.length} zones given; ${environment} needs ${allowedCounts.join(" or ")}`);
        ok = false;
    }
    for (const zone of zones) {
        if (region && !new RegExp(`^${region}[a-z]$`).test(zone)) {
            reader.problem("availabilityZones", `${JSON.stringify(zone)} is not an availability zone of ${region} (e.g. ${region}a)`);
            ok = false;
        }
    }
    ok = reader.noDuplicates("availabilityZones", zones) && ok;
    return ok ? zones : undefined;
}
