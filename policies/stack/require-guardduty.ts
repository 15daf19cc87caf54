import type { PolicyResource } from "../lib/policy-api";
import { defineStackRule } from "../lib/rule";
import { declaresAwsResources, declaresOrganizationService, DECLARATION_CONFIG } from "../lib/security-services";
import { ofType, referrers } from "../lib/values";

const DETECTOR_TYPE = "aws:guardduty/detector:Detector";
const FEATURE_TYPE = "aws:guardduty/detectorFeature:DetectorFeature";
/** Either protection plan runs the EKS agent; GuardDuty accepts only one of them per detector. */
const RUNTIME_FEATURES = ["RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING"];

/** What keeps a detector from detecting threats in the account and its EKS clusters; empty when nothing does. */
function gaps(detector: PolicyResource, features: readonly PolicyResource[]): string[] {
    const enabled = (names: readonly string[]) => features.some((f) => names.includes(f.props.name) && f.props.status === "ENABLED");
    const found: string[] = [];
    if (detector.props.enable === false) {
        found.push("is suspended (enable: false)");
    }
    // The deprecated `datasources` block also turns audit-log monitoring on.
    if (!enabled(["EKS_AUDIT_LOGS"]) && detector.props.datasources?.kubernetes?.auditLogs?.enable !== true) {
        found.push("has no EKS_AUDIT_LOGS feature ENABLED");
    }
    if (!enabled(RUNTIME_FEATURES)) {
        found.push("has no RUNTIME_MONITORING feature ENABLED");
    }
    return found;
}

/**
 * GuardDuty is never silently absent from an AWS stack: either the stack creates an enabled detector with
 * EKS audit-log and runtime monitoring on, or it declares that the organisation's delegated administrator
 * runs GuardDuty in its account (where a second detector could not be created).
 */
export default defineStackRule<{ declarationKey: string }>({
    name: "require-guardduty",
    description: "A stack that declares AWS resources must create an enabled GuardDuty detector with EKS audit-log monitoring and runtime monitoring on, or declare in its configuration that the organisation provides GuardDuty in its account.",
    severity: "high",
    controls: ["FSBP GuardDuty.1", "FSBP GuardDuty.5", "FSBP GuardDuty.7", "FSBP GuardDuty.11", "NIST SP 800-53 SI-4"],
    remediation: "Add an aws.guardduty.Detector (`enable: true`) and aws.guardduty.DetectorFeature resources naming it in `detectorId`: `EKS_AUDIT_LOGS` and `RUNTIME_MONITORING` with `status: \"ENABLED\"` (the platform's `securityServices.guardDuty: create`, its default); or, where the organisation's delegated administrator enables GuardDuty in the account, set `secure-platform:securityServices` to `{guardDuty: organization}`.",
    config: DECLARATION_CONFIG,
    validate(resources, { config }, report) {
        if (!declaresAwsResources(resources) || declaresOrganizationService(config.declarationKey, "guardDuty")) {
            return;
        }
        const detectors = ofType(resources, DETECTOR_TYPE);
        const featuresOf = referrers(ofType(resources, FEATURE_TYPE), "detectorId");
        const judged = detectors.map((detector) => ({ detector, gaps: gaps(detector, featuresOf(detector)) }));
        if (judged.some((j) => j.gaps.length === 0)) {
            return;
        }
        const missing = `and ${config.declarationKey} does not declare {guardDuty: organization}`;
        if (detectors.length === 0) {
            report(undefined, `The stack declares AWS resources but no GuardDuty detector, ${missing}. Expected an enabled detector with EKS audit-log and runtime monitoring, or the declaration.`);
        }
        for (const { detector, gaps: found } of judged) {
            report(detector, `GuardDuty detector ${detector.name} ${found.join(", ")}, ${missing}. Expected an enabled detector with EKS audit-log and runtime monitoring, or the declaration.`);
        }
    },
});
