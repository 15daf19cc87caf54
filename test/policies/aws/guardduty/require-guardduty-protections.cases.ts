import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import type { WireValue } from "../../../../engine/wire";

const detector = (props: Record<string, WireValue>) => resource("aws:guardduty/detector:Detector", "threats", props);
const feature = (name: string, status: WireValue, extra: Record<string, WireValue> = {}) =>
    resource("aws:guardduty/detectorFeature:DetectorFeature", `threats-${name.toLowerCase()}`, { detectorId: "d-1", name, status, ...extra });
const automated = (status: WireValue) => ({ additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status }] });

export default ruleCases("require-guardduty-protections", {
    compliant: [
        { name: "an enabled detector", resources: [detector({ enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" })] },
        { name: "a detector that leaves enable to its default", resources: [detector({})] },
        { name: "EKS audit-log monitoring on", resources: [feature("EKS_AUDIT_LOGS", "ENABLED")] },
        { name: "runtime monitoring with the agent managed by GuardDuty", resources: [feature("RUNTIME_MONITORING", "ENABLED", automated("ENABLED"))] },
        { name: "EBS malware protection on", resources: [feature("EBS_MALWARE_PROTECTION", "ENABLED")] },
        { name: "S3 protection on", resources: [feature("S3_DATA_EVENTS", "ENABLED")] },
        { name: "a feature the rule does not require, turned off", resources: [feature("LAMBDA_NETWORK_LOGS", "DISABLED")] },
        { name: "a self-managed agent where the team accepts it", resources: [feature("RUNTIME_MONITORING", "ENABLED", automated("DISABLED"))], config: { "require-guardduty-protections": { requireAutomatedAgent: false } } },
    ],
    violating: [
        { name: "a suspended detector", resources: [detector({ enable: false })], message: /The detector is suspended \(enable: false\)/ },
        { name: "audit logs off in the deprecated datasources", resources: [detector({ enable: true, datasources: { kubernetes: { auditLogs: { enable: false } } } })], message: /turn EKS audit-log monitoring off/ },
        { name: "EBS scanning off in the deprecated datasources", resources: [detector({ enable: true, datasources: { malwareProtection: { scanEc2InstanceWithFindings: { ebsVolumes: { enable: false } } } } })], message: /turn EBS malware protection off/ },
        { name: "EKS audit-log monitoring off", resources: [feature("EKS_AUDIT_LOGS", "DISABLED")], message: /Feature EKS_AUDIT_LOGS has status "DISABLED": EKS audit-log monitoring \(FSBP GuardDuty.5\) is off/ },
        { name: "runtime monitoring off", resources: [feature("RUNTIME_MONITORING", "DISABLED")], message: /Feature RUNTIME_MONITORING has status "DISABLED"/ },
        { name: "EKS runtime monitoring off", resources: [feature("EKS_RUNTIME_MONITORING", "DISABLED")], message: /Feature EKS_RUNTIME_MONITORING has status "DISABLED"/ },
        { name: "EBS malware protection off", resources: [feature("EBS_MALWARE_PROTECTION", "DISABLED")], message: /malware protection for EC2 \(FSBP GuardDuty.8\) is off/ },
        { name: "S3 protection off", resources: [feature("S3_DATA_EVENTS", "DISABLED")], message: /S3 protection \(FSBP GuardDuty.10\) is off/ },
        { name: "S3 protection off in the deprecated datasources", resources: [detector({ enable: true, datasources: { s3Logs: { enable: false } } })], message: /turn S3 protection off \(s3Logs.enable: false/ },
        { name: "runtime monitoring with a self-managed agent", resources: [feature("RUNTIME_MONITORING", "ENABLED", automated("DISABLED"))], message: /EKS_ADDON_MANAGEMENT "DISABLED"\): FSBP GuardDuty.7 checks runtime monitoring with automated agent management/ },
        { name: "runtime monitoring without saying who manages the agent", resources: [feature("RUNTIME_MONITORING", "ENABLED")], message: /EKS_ADDON_MANAGEMENT not set/ },
    ],
    unknown: [
        { name: "a feature's status not known yet", resources: [feature("EKS_AUDIT_LOGS", unknown)] },
        { name: "whether the detector is enabled not known yet", resources: [detector({ enable: unknown })] },
    ],
});
