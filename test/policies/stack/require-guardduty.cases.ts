import { resource, ruleCases, unknown } from "../../harness/policy-cases";
import type { WireValue } from "../../../engine/wire";

const detector = (props: Record<string, WireValue> = { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" }) =>
    resource("aws:guardduty/detector:Detector", "threats", props);
const feature = (target: ReturnType<typeof detector>, name: string, status: WireValue = "ENABLED") =>
    resource("aws:guardduty/detectorFeature:DetectorFeature", `threats-${name.toLowerCase()}`, { detectorId: "d-1", name, status }, { from: { detectorId: [target] } });
/** Something that puts the stack in an AWS account. */
const bucket = resource("aws:s3/bucket:Bucket", "reports", { forceDestroy: false });
const namespace = resource("kubernetes:core/v1:Namespace", "shop", { metadata: { name: "shop" } });
const enabled = detector();
const suspended = detector({ enable: false });
const legacy = detector({ enable: true, datasources: { kubernetes: { auditLogs: { enable: true } } } });

export default ruleCases("require-guardduty", {
    compliant: [
        { name: "an enabled detector with EKS audit-log and runtime monitoring", resources: [bucket, enabled, feature(enabled, "EKS_AUDIT_LOGS"), feature(enabled, "RUNTIME_MONITORING")] },
        { name: "EKS runtime monitoring, the older feature name", resources: [bucket, enabled, feature(enabled, "EKS_AUDIT_LOGS"), feature(enabled, "EKS_RUNTIME_MONITORING")] },
        { name: "audit logs through the deprecated datasources block", resources: [bucket, legacy, feature(legacy, "RUNTIME_MONITORING")] },
        { name: "a stack with no AWS resource (on-prem)", resources: [namespace] },
    ],
    violating: [
        { name: "AWS resources and no detector", resources: [bucket], message: /declares AWS resources but no GuardDuty detector, and secure-platform:securityServices does not declare \{guardDuty: organization\}/ },
        { name: "a detector with no features", resources: [bucket, enabled], message: /GuardDuty detector threats has no EKS_AUDIT_LOGS feature ENABLED, has no RUNTIME_MONITORING feature ENABLED/ },
        { name: "runtime monitoring turned off", resources: [bucket, enabled, feature(enabled, "EKS_AUDIT_LOGS"), feature(enabled, "RUNTIME_MONITORING", "DISABLED")], message: /GuardDuty detector threats has no RUNTIME_MONITORING feature ENABLED/ },
        { name: "audit-log monitoring missing", resources: [bucket, enabled, feature(enabled, "RUNTIME_MONITORING")], message: /GuardDuty detector threats has no EKS_AUDIT_LOGS feature ENABLED/ },
        { name: "a suspended detector", resources: [bucket, suspended, feature(suspended, "EKS_AUDIT_LOGS"), feature(suspended, "RUNTIME_MONITORING")], message: /GuardDuty detector threats is suspended \(enable: false\)/ },
        { name: "the declaration looked up under another key", resources: [bucket], config: { "require-guardduty": { declarationKey: "acme:threatDetection" } }, message: /acme:threatDetection does not declare \{guardDuty: organization\}/ },
    ],
    unknown: [
        { name: "a feature's status not known yet", resources: [bucket, enabled, feature(enabled, "EKS_AUDIT_LOGS", unknown), feature(enabled, "RUNTIME_MONITORING", unknown)] },
    ],
});
