import { stackConfig } from "../lib/environment";
import { defineStackRule } from "../lib/rule";
import { ofType } from "../lib/values";

const TRAIL_TYPE = "aws:cloudtrail/trail:Trail";

/** The stack's declaration that an organization trail records its account (`{mode: "organization"}`). */
function declaresOrganizationTrail(key: string): boolean {
    const raw = stackConfig()[key];
    if (raw === undefined) {
        return false;
    }
    try {
        const value = JSON.parse(raw) as unknown;
        return typeof value === "object" && value !== null && (value as { mode?: unknown }).mode === "organization";
    } catch {
        return false;
    }
}

/**
 * The account's audit trail is never silently absent: a stack that declares AWS resources either creates a
 * multi-Region trail that is logging, or states in its configuration that the organization's trail records
 * the account (an organization trail lives in the management or delegated administrator account, out of
 * this stack's sight). A stack without any AWS resource (on-prem) has no account to record.
 */
export default defineStackRule<{ declarationKey: string }>({
    name: "require-audit-trail",
    description: "A stack that declares AWS resources must create a multi-Region CloudTrail trail that is logging, or declare in its configuration that an organization trail records its account.",
    severity: "high",
    controls: ["FSBP CloudTrail.1", "CIS AWS 3.1", "NIST SP 800-53 AU-12"],
    remediation: "Add an aws.cloudtrail.Trail with `isMultiRegionTrail: true` (the platform's `auditTrail: {mode: create}`, its default), or, where the organization's trail records the account, set `secure-platform:auditTrail` to `{mode: organization}`.",
    config: {
        declarationKey: {
            type: "string",
            default: "secure-platform:auditTrail",
            description: "Stack config key holding `{mode}`: `organization` declares that an organization trail records the stack's account.",
        },
    },
    validate(resources, { config }, report) {
        if (!resources.some((r) => r.type.startsWith("aws:"))) {
            return;
        }
        const trails = ofType(resources, TRAIL_TYPE);
        if (trails.some((trail) => trail.props.isMultiRegionTrail === true && trail.props.enableLogging !== false)) {
            return;
        }
        if (declaresOrganizationTrail(config.declarationKey)) {
            return;
        }
        const found = trails.length === 0
            ? "no CloudTrail trail"
            : `no multi-Region trail that is logging (${trails.map((t) => `${t.name}: ${t.props.isMultiRegionTrail === true ? "logging stopped" : "one Region"}`).join(", ")})`;
        report(undefined, `The stack declares AWS resources but ${found}, and ${config.declarationKey} does not declare an organization trail ({mode: organization}). Expected a multi-Region trail, or the declaration.`);
    },
});
