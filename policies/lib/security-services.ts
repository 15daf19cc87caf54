/**
 * The stack's declaration that its organisation provides an account-level security service (GuardDuty,
 * Security Hub, AWS Config): a delegated administrator enables it in every member account, out of the
 * stack's sight. The declaration is an object under one stack config key, e.g.
 * `secure-platform:securityServices: {guardDuty: organization}`; anything else counts as no declaration.
 */
import { stackConfig } from "./environment";
import type { PolicyResource } from "./policy-api";

export type SecurityService = "guardDuty" | "securityHub" | "config";

/** Config property every rule that accepts the declaration takes. */
export const DECLARATION_CONFIG = {
    declarationKey: {
        type: "string" as const,
        default: "secure-platform:securityServices",
        description: "Stack config key holding `{guardDuty?, securityHub?, config?}`: `organization` declares that the organisation provides that service in the stack's account.",
    },
};

/** Whether the stack declares that the organisation provides `service` (`{<service>: "organization"}` under `key`). */
export function declaresOrganizationService(key: string, service: SecurityService): boolean {
    const raw = stackConfig()[key];
    if (raw === undefined) {
        return false;
    }
    try {
        const value = JSON.parse(raw) as unknown;
        return typeof value === "object" && value !== null && !Array.isArray(value) && (value as Record<string, unknown>)[service] === "organization";
    } catch {
        return false;
    }
}

/**
 * Whether the stack deploys into an AWS account: it declares an AWS resource. A stack without one (on-prem)
 * has no account whose services could be missing.
 */
export function declaresAwsResources(resources: readonly PolicyResource[]): boolean {
    return resources.some((r) => r.type.startsWith("aws:"));
}
