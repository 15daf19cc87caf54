/**
 * Who provides the account's threat detection and compliance scanning: GuardDuty, Security Hub and
 * AWS Config. Each is either created by this stack or provided by the organisation (a delegated
 * administrator that enables it in every member account, where a second detector or recorder would
 * fail to create). One structured key, `securityServices`, whose fields all default to `create`.
 */
import { ConfigReader, describe, isPlainObject, SettingDoc } from "../lib/config-reader";

/**
 * `create`: this stack creates and owns the service in its account and region. `organization`: the
 * organisation's delegated administrator provides it; the stack creates nothing and the policy pack
 * accepts the declaration in its place.
 */
export const SECURITY_SERVICE_MODES = ["create", "organization"] as const;
export type SecurityServiceMode = (typeof SECURITY_SERVICE_MODES)[number];

export const SECURITY_SERVICES = ["guardDuty", "securityHub", "config"] as const;
export type SecurityService = (typeof SECURITY_SERVICES)[number];

/** @default every service `create` */
export type SecurityServicesSettings = Readonly<Record<SecurityService, SecurityServiceMode>>;

export const SECURITY_SERVICES_KEY = "securityServices";

export const DEFAULT_SECURITY_SERVICES: SecurityServicesSettings = { guardDuty: "create", securityHub: "create", config: "create" };

export const SECURITY_SERVICES_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    [SECURITY_SERVICES_KEY]: {
        summary: `Who provides GuardDuty, Security Hub and AWS Config in the stack's account, \`{guardDuty?, securityHub?, config?}\`, each ${SECURITY_SERVICE_MODES.join(" or ")}: create makes this stack create them (GuardDuty with EKS audit-log and runtime monitoring and its agent add-on, Security Hub with FSBP and CIS AWS Foundations, a Config recorder), organization declares that the organisation's delegated administrator enables them in this account, so the stack creates none and the policy pack accepts the declaration.`,
        default: "{guardDuty: create, securityHub: create, config: create}",
    },
};

/** Reads `securityServices`; undefined (reported) when it is malformed. */
export function readSecurityServices(reader: ConfigReader): SecurityServicesSettings | undefined {
    const value = reader.structured(SECURITY_SERVICES_KEY);
    if (value === undefined) {
        return DEFAULT_SECURITY_SERVICES;
    }
    if (!isPlainObject(value)) {
        reader.problem(SECURITY_SERVICES_KEY, `expected an object like {guardDuty: organization, securityHub: organization, config: organization}, got ${describe(value)}`);
        return undefined;
    }
    if (!reader.onlyFields(SECURITY_SERVICES_KEY, SECURITY_SERVICES_KEY, value, SECURITY_SERVICES)) {
        return undefined;
    }
    let ok = true;
    const modes = { ...DEFAULT_SECURITY_SERVICES } as Record<SecurityService, SecurityServiceMode>;
    for (const service of SECURITY_SERVICES) {
        const given = value[service];
        if (given === undefined) {
            continue;
        }
        if (typeof given !== "string" || !(SECURITY_SERVICE_MODES as readonly string[]).includes(given)) {
            reader.problem(SECURITY_SERVICES_KEY, `${SECURITY_SERVICES_KEY}.${service} ${describe(given)} is not allowed; use one of ${SECURITY_SERVICE_MODES.join(", ")}`);
            ok = false;
            continue;
        }
        modes[service] = given as SecurityServiceMode;
    }
    return ok ? modes : undefined;
}
