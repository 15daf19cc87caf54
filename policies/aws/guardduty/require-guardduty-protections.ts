import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

const DETECTOR_TYPE = "aws:guardduty/detector:Detector";

/** Protection plans that must not be turned off, with the FSBP control that checks each. */
const REQUIRED_FEATURES: Readonly<Record<string, string>> = {
    EKS_AUDIT_LOGS: "EKS audit-log monitoring (FSBP GuardDuty.5)",
    RUNTIME_MONITORING: "runtime monitoring (FSBP GuardDuty.7, GuardDuty.11)",
    EKS_RUNTIME_MONITORING: "EKS runtime monitoring (FSBP GuardDuty.7)",
    EBS_MALWARE_PROTECTION: "malware protection for EC2 (FSBP GuardDuty.8)",
    S3_DATA_EVENTS: "S3 protection (FSBP GuardDuty.10)",
};
const RUNTIME_FEATURES = ["RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING"];

export default defineResourceRule<{ requireAutomatedAgent: boolean }>({
    name: "require-guardduty-protections",
    description: "A GuardDuty detector must not be suspended, and its EKS audit-log monitoring, runtime monitoring (with GuardDuty managing the EKS agent), EBS malware protection and S3 protection must not be turned off.",
    severity: "high",
    controls: ["FSBP GuardDuty.5", "FSBP GuardDuty.7", "FSBP GuardDuty.8", "FSBP GuardDuty.10", "FSBP GuardDuty.11", "FSBP GuardDuty.1"],
    remediation: "Set `enable: true` on the aws.guardduty.Detector; give each aws.guardduty.DetectorFeature named EKS_AUDIT_LOGS, RUNTIME_MONITORING (or EKS_RUNTIME_MONITORING), EBS_MALWARE_PROTECTION and S3_DATA_EVENTS `status: \"ENABLED\"`, and the runtime feature `additionalConfigurations: [{name: \"EKS_ADDON_MANAGEMENT\", status: \"ENABLED\"}]`; in the deprecated `datasources` block, leave `kubernetes.auditLogs.enable`, `malwareProtection.scanEc2InstanceWithFindings.ebsVolumes.enable` and `s3Logs.enable` true.",
    config: {
        requireAutomatedAgent: {
            type: "boolean",
            default: true,
            description: "Require GuardDuty to manage the EKS agent (EKS_ADDON_MANAGEMENT): FSBP GuardDuty.7 checks runtime monitoring with automated agent management, so a self-managed agent fails it.",
        },
    },
    resourceTypes: [DETECTOR_TYPE, "aws:guardduty/detectorFeature:DetectorFeature"],
    validate(props, { type, config }, report) {
        if (type === DETECTOR_TYPE) {
            if (props.enable === false) {
                report("The detector is suspended (enable: false): GuardDuty analyses nothing and produces no findings (FSBP GuardDuty.1).");
            }
            if (props.datasources?.kubernetes?.auditLogs?.enable === false) {
                report("The detector's datasources turn EKS audit-log monitoring off (kubernetes.auditLogs.enable: false; FSBP GuardDuty.5).");
            }
            if (props.datasources?.malwareProtection?.scanEc2InstanceWithFindings?.ebsVolumes?.enable === false) {
                report("The detector's datasources turn EBS malware protection off (malwareProtection.scanEc2InstanceWithFindings.ebsVolumes.enable: false; FSBP GuardDuty.8).");
            }
            if (props.datasources?.s3Logs?.enable === false) {
                report("The detector's datasources turn S3 protection off (s3Logs.enable: false; FSBP GuardDuty.10).");
            }
            return;
        }
        const name = props.name;
        const what = typeof name === "string" ? REQUIRED_FEATURES[name] : undefined;
        if (what === undefined) {
            return;
        }
        if (props.status !== "ENABLED") {
            report(`Feature ${name} has status ${JSON.stringify(props.status)}: ${what} is off. Expected "ENABLED".`);
            return;
        }
        if (config.requireAutomatedAgent && RUNTIME_FEATURES.includes(name)) {
            const addonManagement = list(props.additionalConfigurations).find((c) => c.name === "EKS_ADDON_MANAGEMENT");
            if (addonManagement?.status !== "ENABLED") {
                report(`Feature ${name} leaves the EKS agent to be managed by hand (EKS_ADDON_MANAGEMENT ${addonManagement ? JSON.stringify(addonManagement.status) : "not set"}): FSBP GuardDuty.7 checks runtime monitoring with automated agent management. Expected EKS_ADDON_MANAGEMENT "ENABLED".`);
            }
        }
    },
});
