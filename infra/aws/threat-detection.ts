import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { SecurityServicesSettings } from "../settings/security-services";
import type { ServerAccessLogTarget } from "./private-bucket";
import { AwsContext, withAwsContext } from "./aws-context";
import { ConfigRecorder } from "./config-recorder";

/**
 * GuardDuty: threat detection for the account (FSBP GuardDuty.1) and the cluster. Findings for repeated
 * activity are published every 15 minutes, the shortest interval GuardDuty offers (`FIFTEEN_MINUTES`:
 * docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html).
 */
export const FINDING_PUBLISHING_FREQUENCY = "FIFTEEN_MINUTES";

export interface DetectorFeatureSpec {
    readonly name: string;
    readonly status: "ENABLED" | "DISABLED";
    readonly additionalConfigurations?: readonly { readonly name: string; readonly status: "ENABLED" | "DISABLED" }[];
}

/**
 * The detector's protection plans (names from the GuardDuty API, DetectorFeatureConfiguration):
 * - `EKS_AUDIT_LOGS`: EKS Protection reads the cluster's audit log (FSBP GuardDuty.5).
 * - `RUNTIME_MONITORING` with `EKS_ADDON_MANAGEMENT`: the security agent on the nodes, deployed and updated
 *   by GuardDuty as the EKS add-on `aws-guardduty-agent` (FSBP GuardDuty.7, which checks runtime monitoring
 *   *with automated agent management*: a self-managed agent fails it). GuardDuty also creates the
 *   `guardduty-data` interface endpoint the agent reports to, in the cluster's VPC (GuardDuty user guide,
 *   gdu-runtime-approaches-agent-deployment-eks-clusters); the agent's image comes from GuardDuty's regional
 *   ECR through the ECR endpoints. `RUNTIME_MONITORING` supersedes `EKS_RUNTIME_MONITORING`; the API refuses both.
 *   The agent's DaemonSet ships without tolerations and its configuration schema offers none (resources,
 *   priorityClassName, dnsPolicy: guardduty-configure-security-agent-eks-addon; aws/containers-roadmap#2520),
 *   so it does not run on the tainted data nodes: those are covered by EKS audit-log monitoring and EBS
 *   malware protection only, a gap the threat model names.
 * - `EBS_MALWARE_PROTECTION`: scans the volumes of instances and containers GuardDuty finds suspicious (FSBP GuardDuty.8).
 * - `S3_DATA_EVENTS`: S3 Protection watches object-level API activity on the buckets (FSBP GuardDuty.10).
 */
export const GUARDDUTY_FEATURES: readonly DetectorFeatureSpec[] = [
    { name: "EKS_AUDIT_LOGS", status: "ENABLED" },
    { name: "RUNTIME_MONITORING", status: "ENABLED", additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }] },
    { name: "EBS_MALWARE_PROTECTION", status: "ENABLED" },
    { name: "S3_DATA_EVENTS", status: "ENABLED" },
];

/** The standards Security Hub checks the account against. */
export interface SecurityStandard {
    readonly name: string;
    /** `arn:<partition>:securityhub:<region>::standards/...`, from the standards' ARNs in the Security Hub user guide. */
    readonly arn: (partition: string, region: string) => string;
}

/**
 * AWS Foundational Security Best Practices v1.0.0 and CIS AWS Foundations Benchmark v3.0.0, the newest CIS
 * version whose ARN could be confirmed offline (the AWS provider's StandardsSubscription reference). A v5.0.0
 * appears in third-party code under two ARN forms that the Security Hub user guide could not be consulted to settle.
 */
export const SECURITY_STANDARDS: readonly SecurityStandard[] = [
    { name: "aws-foundational-security-best-practices", arn: (partition, region) => `arn:${partition}:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0` },
    { name: "cis-aws-foundations-benchmark", arn: (partition, region) => `arn:${partition}:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/3.0.0` },
];

export interface ThreatDetectionArgs {
    readonly context: AwsContext;
    /** Create the GuardDuty detector; false when the organisation provides it. */
    readonly guardDuty: boolean;
    /** Enable Security Hub with SECURITY_STANDARDS; false when the organisation provides it. */
    readonly securityHub: boolean;
    /**
     * What Security Hub's controls read from: the AWS Config recorder switched on (ours), so the standards
     * are subscribed once it records. Omit when the organisation runs Config.
     */
    readonly configRecorder?: pulumi.Resource;
}

/**
 * The account's detectors: a GuardDuty detector with EKS audit-log monitoring, runtime monitoring, EBS
 * malware protection and S3 protection, and Security Hub with consolidated control findings and the FSBP
 * and CIS AWS Foundations standards.
 */
export class ThreatDetection extends pulumi.ComponentResource {
    readonly detector?: aws.guardduty.Detector;
    readonly features: readonly aws.guardduty.DetectorFeature[];
    readonly securityHub?: aws.securityhub.Account;

    constructor(name: string, args: ThreatDetectionArgs, opts?: pulumi.ComponentResourceOptions) {
        if (!args.guardDuty && !args.securityHub) {
            throw new Error("ThreatDetection: nothing to create; when the organisation provides both GuardDuty and Security Hub, do not create the component");
        }
        super("secure-platform:aws:ThreatDetection", name, {}, opts);
        const parent = { parent: this };

        const features: aws.guardduty.DetectorFeature[] = [];
        if (args.guardDuty) {
            this.detector = new aws.guardduty.Detector(`${name}-guardduty`, {
                enable: true,
                findingPublishingFrequency: FINDING_PUBLISHING_FREQUENCY,
            }, parent);
            for (const feature of GUARDDUTY_FEATURES) {
                features.push(new aws.guardduty.DetectorFeature(`${name}-${feature.name.toLowerCase().replace(/_/g, "-")}`, {
                    detectorId: this.detector.id,
                    name: feature.name,
                    status: feature.status,
                    ...(feature.additionalConfigurations ? { additionalConfigurations: feature.additionalConfigurations.map((c) => ({ ...c })) } : {}),
                }, parent));
            }
        }
        this.features = features;

        if (args.securityHub) {
            this.securityHub = new aws.securityhub.Account(`${name}-securityhub`, {
                // The standards are subscribed explicitly below; the defaults include the retired CIS v1.2.0.
                enableDefaultStandards: false,
                // One finding per control across standards (Security Hub's consolidated control findings).
                controlFindingGenerator: "SECURITY_CONTROL",
                autoEnableControls: true,
            }, { parent: this, ...(args.configRecorder ? { dependsOn: [args.configRecorder] } : {}) });
            for (const standard of SECURITY_STANDARDS) {
                new aws.securityhub.StandardsSubscription(`${name}-${standard.name}`, {
                    standardsArn: withAwsContext(args.context, (c) => standard.arn(c.partition, c.region)),
                }, { parent: this, dependsOn: [this.securityHub] });
            }
        }

        this.registerOutputs({ detectorId: this.detector?.id });
    }
}

export interface SecurityServicesArgs {
    readonly context: AwsContext;
    readonly services: SecurityServicesSettings;
    /** Names the Config recorder, its channel and its key alias. */
    readonly namePrefix: string;
    /** Roles allowed to change the Config key's policy. */
    readonly keyAdmins: readonly string[];
    readonly kmsDeletionWindowInDays: number;
    /** The log bucket that receives the Config bucket's server access logs. */
    readonly accessLogs: ServerAccessLogTarget;
    /** Days replaced Config deliveries are kept. */
    readonly retentionInDays: number;
    /** Keep the Config bucket and key from `pulumi destroy` (prod). */
    readonly protect: boolean;
}

/**
 * What `securityServices` asks this stack to create: the AWS Config recorder, then GuardDuty and Security Hub
 * (after the recorder, whose recorded configuration its controls read). Nothing for a service the
 * organisation provides.
 */
export function deploySecurityServices(name: string, args: SecurityServicesArgs, opts: pulumi.ComponentResourceOptions): {
    readonly configRecorder?: ConfigRecorder;
    readonly threatDetection?: ThreatDetection;
} {
    const configRecorder = args.services.config === "create" ? new ConfigRecorder(`${name}-config`, {
        context: args.context,
        namePrefix: args.namePrefix,
        keyAdmins: args.keyAdmins,
        accessLogs: args.accessLogs,
        kmsDeletionWindowInDays: args.kmsDeletionWindowInDays,
        noncurrentRetentionDays: args.retentionInDays,
        protect: args.protect,
    }, opts) : undefined;
    const guardDuty = args.services.guardDuty === "create";
    const securityHub = args.services.securityHub === "create";
    const threatDetection = guardDuty || securityHub ? new ThreatDetection(`${name}-detection`, {
        context: args.context,
        guardDuty,
        securityHub,
        ...(configRecorder ? { configRecorder: configRecorder.status } : {}),
    }, opts) : undefined;
    return { ...(configRecorder ? { configRecorder } : {}), ...(threatDetection ? { threatDetection } : {}) };
}
