/**
 * Settings of the account's audit trail: whether the stack creates its own multi-Region CloudTrail trail,
 * or relies on an organization trail that already records every account of the organization.
 */
import { ConfigReader, describe, isPlainObject, SettingDoc } from "../lib/config-reader";

export const AUDIT_TRAIL_MODES = ["create", "organization"] as const;
/**
 * `create`: the stack creates a multi-Region trail of its own (management events of every Region, data
 * events of the platform's buckets), its bucket and its log group. `organization`: the organization's
 * trail, created in its management account or by a delegated administrator, already records this
 * account; the stack creates none, and the declaration stays in the stack file where the policy pack
 * reads it (policies/stack/require-audit-trail.ts).
 */
export type AuditTrailMode = (typeof AUDIT_TRAIL_MODES)[number];

/** Retention of the trail's log files: at least a year (as every log of the platform), at most ten. */
export const AUDIT_RETENTION_RANGE = { min: 365, max: 3653 } as const;
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

export type AuditTrailSettings =
    | {
        readonly mode: "create";
        /**
         * Days each log file is kept: its Object Lock retention in prod (no one can delete or overwrite it
         * before), and when it expires everywhere. @default 365
         */
        readonly retentionDays: number;
    }
    | { readonly mode: "organization" };

export const AUDIT_TRAIL_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    auditTrail: {
        summary: `The account's CloudTrail trail: {mode: create, retentionDays} creates a multi-Region trail with log file validation, a KMS key of its own, an Object Lock bucket in prod and CloudWatch Logs delivery (retentionDays ${AUDIT_RETENTION_RANGE.min} to ${AUDIT_RETENTION_RANGE.max}); {mode: organization} declares that an organization trail records this account and creates none.`,
        default: `{mode: create, retentionDays: ${DEFAULT_AUDIT_RETENTION_DAYS}}`,
    },
};

const FIELDS = ["mode", "retentionDays"] as const;

export function readAuditTrail(reader: ConfigReader): AuditTrailSettings | undefined {
    const value = reader.structured("auditTrail");
    if (value === undefined) {
        return { mode: "create", retentionDays: DEFAULT_AUDIT_RETENTION_DAYS };
    }
    if (!isPlainObject(value)) {
        reader.problem("auditTrail", `expected {mode: ${AUDIT_TRAIL_MODES.join(" | ")}}, got ${describe(value)}`);
        return undefined;
    }
    if (!reader.onlyFields("auditTrail", "auditTrail", value, FIELDS)) {
        return undefined;
    }
    const mode = value.mode ?? "create";
    if (typeof mode !== "string" || !(AUDIT_TRAIL_MODES as readonly string[]).includes(mode)) {
        reader.problem("auditTrail", `auditTrail.mode ${describe(mode)} is not allowed; use one of ${AUDIT_TRAIL_MODES.join(", ")}`);
        return undefined;
    }
    if (mode === "organization") {
        if (value.retentionDays !== undefined) {
            reader.problem("auditTrail", "auditTrail.retentionDays applies only to mode create; the organization trail's retention is set where that trail is managed");
            return undefined;
        }
        return { mode };
    }
    const days = value.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
    if (typeof days !== "number" || !Number.isInteger(days) || days < AUDIT_RETENTION_RANGE.min || days > AUDIT_RETENTION_RANGE.max) {
        reader.problem("auditTrail", `auditTrail.retentionDays ${describe(days)} is not allowed; use a whole number of days from ${AUDIT_RETENTION_RANGE.min} to ${AUDIT_RETENTION_RANGE.max}`);
        return undefined;
    }
    return { mode: "create", retentionDays: days };
}
